using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>dmarc</c> event of a receive check: the author domain, the identifiers, and the verdict with its policy.</summary>
/// <param name="AuthorDomain">The From domain (RFC 9989 §3.2.2), null when the message has no single one.</param>
/// <param name="SpfIdentifier">The SPF-authenticated domain, when SPF passed.</param>
/// <param name="DkimIdentifiers">The d= domains of the signatures that verified.</param>
/// <param name="Verdict">The evaluation, when one could be made.</param>
public sealed record ReceivedDmarcDetail(string? AuthorDomain, string? SpfIdentifier, IReadOnlyList<string> DkimIdentifiers, DmarcVerdict? Verdict) : PostureDetail;
