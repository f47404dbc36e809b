namespace MailCheck.Core.Scorecard;

/// <summary>The ids of scorecard items (stable: the API and comparisons rely on them).</summary>
public static class ScorecardIds
{
    public const string Spf = "spf";
    public const string Dmarc = "dmarc";
    public const string Dkim = "dkim";
    public const string TlsRpt = "tlsRpt";
    public const string Bimi = "bimi";
    public const string Ptr = "ptr";
    public const string Blocklist = "blocklist";
    public const string Egress = "egress";
    public const string MtaSts = "mtaSts";
    public const string Tls = "tls";
    public const string Dnssec = "dnssec";
    public const string Dane = "dane";
}
