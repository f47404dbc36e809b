namespace MailCheck.Core.Posture.Blocklists;

/// <summary>
/// Configuration section <c>MailCheck:Dnsbl</c>. Off by default: each query tells the list's operator which address was
/// tested, and the big lists refuse queries that come through public resolvers.
/// </summary>
public sealed class DnsblOptions
{
    public const string SectionName = "MailCheck:Dnsbl";

    /// <summary>Most zones that may be configured.</summary>
    public const int MaxZones = 10;

    /// <summary>The DNS blocklist zones to query (RFC 5782), e.g. <c>zen.spamhaus.org</c>. Empty: blocklists are not checked.</summary>
    public IList<string> Zones { get; init; } = [];

    /// <summary>How long an answer is reused for the same address and zone (across checks).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
