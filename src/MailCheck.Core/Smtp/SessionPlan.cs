using MailCheck.Core.Checks;
using MimeKit;

namespace MailCheck.Core.Smtp;

/// <summary>What one SMTP conversation is to do, prepared by the engine from a validated request.</summary>
internal sealed record SessionPlan(
    string CheckId,
    CheckRequest Request,
    string EhloName,
    MailboxAddress From,
    IReadOnlyList<MailboxAddress> Recipients,
    string Host,
    string Address);
