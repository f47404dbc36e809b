using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Tls;

/// <summary>The data of the <c>tlsVerdict</c> event: the MX addresses judged ("host [address]"), one <c>tls</c> item each.</summary>
public sealed record TlsVerdictDetail(IReadOnlyList<string> Targets) : PostureDetail;
