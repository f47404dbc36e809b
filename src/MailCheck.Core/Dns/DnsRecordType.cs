namespace MailCheck.Core.Dns;

/// <summary>The record types MailCheck asks for (RFC 1035 and the registries of the RFCs named on each).</summary>
public enum DnsRecordType
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,

    /// <summary>RFC 4034.</summary>
    DS = 43,

    /// <summary>RFC 4034.</summary>
    DNSKEY = 48,

    /// <summary>DANE (RFC 6698).</summary>
    TLSA = 52,
}
