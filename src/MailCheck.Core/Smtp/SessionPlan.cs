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
    string Address)
{
    /// <summary>The TLSA records looked up before connecting (RFC 7672 §2.2), when they were: enforced under <c>tls: "required"</c>.</summary>
    public Dane.DaneLookup? Dane { get; init; }
}
