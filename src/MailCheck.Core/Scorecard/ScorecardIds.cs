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

    /// <summary>Receive mode: the ARC chain of the received message.</summary>
    public const string Arc = "arc";

    /// <summary>Receive mode: the received message's headers and line endings.</summary>
    public const string Hygiene = "hygiene";

    public const string MtaSts = "mtaSts";

    /// <summary>
    /// TLS: of a sending check, the TLS verdict of each MX address connected (STARTTLS, version, certificate); of a receive
    /// check, whether the received message came over TLS. A check is one or the other, so the id never means both at once.
    /// </summary>
    public const string Tls = "tls";

    public const string Dnssec = "dnssec";
    public const string Dane = "dane";
}
