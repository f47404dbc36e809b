using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Egress;

/// <summary>The data of the <c>egress</c> event: how receivers see MailCheck's own connection and test message.</summary>
/// <param name="Address">The address receivers see MailCheck's mail come from, when known.</param>
/// <param name="Source">How MailCheck knows it: configured, echoed (by a server's EHLO reply) or socket.</param>
/// <param name="PtrNames">The PTR names of that address.</param>
/// <param name="ConfirmedName">The PTR name that resolves back to it, when one does.</param>
/// <param name="EhloName">The name MailCheck sent with EHLO.</param>
/// <param name="MailFromDomain">The domain of MailCheck's MAIL FROM (and From:) address.</param>
/// <param name="MailFromSpf">The SPF result for that domain at the address (RFC 7208 §2.4).</param>
/// <param name="HeloSpf">The SPF result for the EHLO name at the address (RFC 7208 §2.3).</param>
/// <param name="Dmarc">The DMARC result the test message would get (RFC 9989 §5.3), with the policy that applies.</param>
public sealed record EgressDetail(
    string? Address,
    string? Source,
    IReadOnlyList<string> PtrNames,
    string? ConfirmedName,
    string EhloName,
    string MailFromDomain,
    string? MailFromSpf,
    string? HeloSpf,
    string? Dmarc) : PostureDetail;
