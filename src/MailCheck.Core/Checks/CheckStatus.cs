namespace MailCheck.Core.Checks;

/// <summary>Where a check is in its life.</summary>
public enum CheckStatus
{
    /// <summary>Waiting in the queue.</summary>
    Queued,

    /// <summary>The conversation is going on.</summary>
    Running,

    /// <summary>The check has its outcome.</summary>
    Finished,
}
