using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>One MX host's DANE data as events carry it.</summary>
/// <param name="Host">The MX host name.</param>
/// <param name="TlsaName">The TLSA name asked, e.g. <c>_25._tcp.mx1.example.com</c>.</param>
/// <param name="Records">The TLSA records found, as a zone file writes them.</param>
/// <param name="MxDnssec">DNSSEC state of the MX RRset.</param>
/// <param name="AddressDnssec">DNSSEC state of the host's A/AAAA records.</param>
/// <param name="TlsaDnssec">DNSSEC state of the TLSA answer.</param>
/// <param name="Usable">How many records are usable for SMTP (RFC 7672 §3.1).</param>
/// <param name="Enforced">True when a DANE sender requires TLS authenticated by these records.</param>
public sealed record DaneHostDetail(
    string Host,
    string TlsaName,
    IReadOnlyList<string> Records,
    DnssecState MxDnssec,
    DnssecState AddressDnssec,
    DnssecState? TlsaDnssec,
    int Usable,
    bool Enforced)
{
    /// <summary>How the presented chain fared in this check's sessions with the host, when MailCheck connected and TLS came up.</summary>
    public string? Match { get; init; }

    public static DaneHostDetail From(DaneHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new DaneHostDetail(
            host.Host,
            host.TlsaName,
            [.. host.Records.Select(r => TlsaRecords.Describe(r, int.MaxValue))],
            host.MxState,
            host.AddressState,
            host.TlsaState,
            host.Usable.Count,
            host.Enforced);
    }
}
