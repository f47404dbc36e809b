using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>spf</c> event of a receive check: check_host() for the MAIL FROM identity and for the HELO identity, each with its trace.</summary>
/// <param name="MailFrom">The MAIL FROM check (for the null sender, postmaster@ the HELO name, RFC 7208 §2.4); null when it could not run.</param>
/// <param name="Helo">The HELO check (RFC 7208 §2.3); null when the HELO name is an address literal or not a domain.</param>
public sealed record ReceivedSpfDetail(SpfCheckResult? MailFrom, SpfCheckResult? Helo) : PostureDetail;
