namespace MailCheck.Core.Receive;

/// <summary>What a receive address can do right now.</summary>
public enum MailboxState
{
    /// <summary>No such address (never made, or deleted with its check after the retention period): 550 5.1.1.</summary>
    Unknown,

    /// <summary>The check stopped waiting (its wait ran out, or it was cancelled): 550 5.1.1.</summary>
    Closed,

    /// <summary>The address already received its one message: 550 5.1.1.</summary>
    Used,

    /// <summary>Another connection is delivering to it right now: 450 4.2.1, try again later.</summary>
    Busy,

    /// <summary>The check waits and is now held for this transaction.</summary>
    Open,
}
