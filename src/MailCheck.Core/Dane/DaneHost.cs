using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>
/// What DNS says about DANE for one MX host (RFC 7672 §2.2): the DNSSEC state of the MX RRset, of the host's address
/// records and of its TLSA RRset, and the TLSA records found.
/// </summary>
public sealed record DaneHost
{
    /// <summary>The MX host name.</summary>
    public required string Host { get; init; }

    /// <summary>The TLSA name asked last, e.g. <c>_25._tcp.mx1.example.com</c>.</summary>
    public required string TlsaName { get; init; }

    /// <summary>
    /// The names a DANE-TA(2) certificate must carry (RFC 7672 §3.2.2): the MX host, and the name its address lookup
    /// reached through CNAMEs when that expansion was secure.
    /// </summary>
    public IReadOnlyList<string> ReferenceNames { get; init; } = [];

    /// <summary>The DNSSEC state of the domain's MX RRset (or of its empty MX answer, for an implicit MX).</summary>
    public DnssecState MxState { get; init; } = DnssecState.Indeterminate;

    /// <summary>The DNSSEC state of the host's A and AAAA answers together (the least secure of them).</summary>
    public DnssecState AddressState { get; init; } = DnssecState.Indeterminate;

    /// <summary>The DNSSEC state of the TLSA answer; null when no TLSA lookup was made.</summary>
    public DnssecState? TlsaState { get; init; }

    /// <summary>How the TLSA lookup ended.</summary>
    public DnsResponseStatus TlsaStatus { get; init; } = DnsResponseStatus.NotSent;

    /// <summary>The TLSA answer in words, when it failed (SERVFAIL with its extended error, a timeout ...).</summary>
    public string? TlsaFailure { get; init; }

    /// <summary>Every TLSA record found.</summary>
    public IReadOnlyList<TlsaData> Records { get; init; } = [];

    /// <summary>The usable ones (RFC 7672 §3.1).</summary>
    public IReadOnlyList<TlsaData> Usable => [.. Records.Where(TlsaRecords.IsUsable)];

    /// <summary>
    /// True when a DANE sender uses this host's TLSA records: the MX RRset, the host's addresses and the TLSA RRset are all
    /// secure (RFC 7672 §2.2.1, §2.2.3). Otherwise the records are ignored.
    /// </summary>
    public bool Secure => MxState == DnssecState.Secure && AddressState == DnssecState.Secure && TlsaState == DnssecState.Secure;

    /// <summary>
    /// True when a DANE sender requires TLS authenticated by these records: secure, with at least one usable record
    /// (RFC 7672 §2.2). With only unusable records it still requires TLS, unauthenticated.
    /// </summary>
    public bool Enforced => Secure && Usable.Count > 0;
}
