using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MailCheck.Testing.Smtp;

/// <summary>Refuses senders and recipients by local part, as <see cref="TestSmtpServerOptions"/> says.</summary>
internal sealed class RuleMailboxFilter(TestSmtpServerOptions options) : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox @from, int size, CancellationToken cancellationToken)
    {
        Refuse(options.SenderRules, @from);
        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox @from, CancellationToken cancellationToken)
    {
        Refuse(options.RecipientRules, to);
        return Task.FromResult(true);
    }

    private static void Refuse(IReadOnlyDictionary<string, SmtpReplyRule> rules, IMailbox? mailbox)
    {
        if (mailbox?.User is { } user && rules.TryGetValue(user, out var rule))
        {
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)rule.Code, rule.Text));
        }
    }
}
