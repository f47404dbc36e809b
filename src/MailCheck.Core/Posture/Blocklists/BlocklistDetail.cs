using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Blocklists;

/// <summary>The data of the <c>blocklist</c> event: every list's answer for every address asked about.</summary>
/// <param name="Zones">The lists asked (empty when blocklists are off).</param>
/// <param name="Answers">One answer per list and address.</param>
public sealed record BlocklistDetail(IReadOnlyList<string> Zones, IReadOnlyList<DnsblAnswer> Answers) : PostureDetail;
