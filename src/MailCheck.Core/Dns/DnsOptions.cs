namespace MailCheck.Core.Dns;

/// <summary>Configuration section <c>MailCheck:Dns</c>.</summary>
public sealed class DnsOptions
{
    public const string SectionName = "MailCheck:Dns";

    /// <summary>DNS servers as "host" or "host:port" (e.g. "127.0.0.1:5353"). Empty: the system's resolvers.</summary>
    public IList<string> Servers { get; init; } = [];

    /// <summary>Timeout of one DNS query.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a timed-out query.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>
    /// Most DNS queries one check sends, over every stage (MX, SPF, DMARC, DKIM ...). A domain's owner chooses how
    /// many names its records point to; the cap keeps one check from sending thousands of queries.
    /// </summary>
    public int MaxQueriesPerCheck { get; set; } = 150;

    /// <summary>
    /// Whether to believe the AD (authentic data) flag of the DNS servers: <c>auto</c> (default) believes it only when
    /// every server is on loopback, the one path RFC 4035 §4.9.3 lets a stub trust without securing it; <c>true</c>
    /// believes it anyway (the path to the resolver is secured some other way); <c>false</c> never does. Without a
    /// trusted AD flag MailCheck cannot verify DNSSEC or DANE and says so.
    /// </summary>
    public string TrustAuthenticatedData { get; set; } = "auto";

    /// <summary>
    /// A name in a signed zone that the resolver has a trust anchor for, asked once (SOA, with the DO bit) to learn whether
    /// the resolver validates: an answer with the AD flag says it does. Default <c>.</c> (the root zone); a lab whose
    /// resolver only knows a private trust anchor names a zone under it.
    /// </summary>
    public string DnssecProbeName { get; set; } = ".";
}
