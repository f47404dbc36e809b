namespace MailCheck.Core.Checks;

/// <summary>
/// Who produced a transcript line, by SMTP role: the client sends commands, the server sends replies. In the checks
/// MailCheck makes (send, probe, connect) MailCheck is the client; in a receive check the remote sender is the client
/// and MailCheck the server. The swaks marks follow the role, so a receive transcript reads like the sender's own log
/// (<c>-&gt;</c> what the sender sent, <c>&lt;-</c> what MailCheck answered). Every stored check from before receive
/// mode is an outbound one, so its events keep their meaning; <see cref="TranscriptRoles"/> names the two sides.
/// </summary>
public enum EventDirection
{
    /// <summary>A line the SMTP client sent (swaks: <c>-&gt;</c>, under TLS <c>~&gt;</c>): MailCheck, or the remote sender in a receive check.</summary>
    Client,

    /// <summary>A line the SMTP server sent (swaks: <c>&lt;-</c>, under TLS <c>&lt;~</c>): the mail server, or MailCheck in a receive check.</summary>
    Server,

    /// <summary>A note from MailCheck itself: DNS answers, connection attempts, TLS details, verdicts, the outcome.</summary>
    Info,
}
