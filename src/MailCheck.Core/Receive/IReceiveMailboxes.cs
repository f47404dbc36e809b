namespace MailCheck.Core.Receive;

/// <summary>
/// Where the listener finds the check behind an address. The web app keeps tokens in its database, so any instance
/// can receive the message for a check created on another.
/// </summary>
public interface IReceiveMailboxes
{
    /// <summary>
    /// Opens the mailbox of <paramref name="token"/> for one SMTP transaction: when the token belongs to a check that is
    /// still waiting and no other connection holds it, the check is held for this transaction until the recording is
    /// stored or released. Never throws for an unknown token.
    /// </summary>
    Task<MailboxOpening> OpenAsync(string token, CancellationToken cancellationToken);
}
