namespace MailCheck.Core.Posture.Blocklists;

/// <summary>One blocklist's answer for one address.</summary>
/// <param name="Zone">The list's zone.</param>
/// <param name="Address">The address asked about.</param>
/// <param name="Verdict">Listed, not listed or could not test.</param>
/// <param name="Codes">The A records returned (the list's return codes).</param>
/// <param name="Reason">The TXT reason for a listing, or why the answer is an error.</param>
/// <param name="Cached">True when the answer came from the cache of an earlier check.</param>
public sealed record DnsblAnswer(string Zone, string Address, DnsblVerdict Verdict, IReadOnlyList<string> Codes, string? Reason, bool Cached = false);
