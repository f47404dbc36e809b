using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>What the SPF verdict found, for DMARC: the MAIL FROM result and the domain it was for.</summary>
/// <param name="MailFrom">check_host() for the MAIL FROM identity.</param>
/// <param name="Helo">check_host() for the HELO identity.</param>
/// <param name="MailFromDomain">The domain of the MAIL FROM identity (the HELO name for the null sender).</param>
public sealed record SpfOutcome(SpfCheckResult? MailFrom, SpfCheckResult? Helo, string? MailFromDomain);
