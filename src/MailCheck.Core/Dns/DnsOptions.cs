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
}
