namespace MailCheck.Core.Checks;

/// <summary>Who produced a transcript line.</summary>
public enum EventDirection
{
    /// <summary>A line MailCheck sent (swaks: <c>-&gt;</c>, under TLS <c>~&gt;</c>).</summary>
    Client,

    /// <summary>A line the server sent (swaks: <c>&lt;-</c>, under TLS <c>&lt;~</c>).</summary>
    Server,

    /// <summary>A note from MailCheck itself: DNS answers, connection attempts, TLS details, the outcome.</summary>
    Info,
}
