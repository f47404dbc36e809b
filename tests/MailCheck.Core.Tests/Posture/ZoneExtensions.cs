using MailCheck.Core.Dns;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Posture;

internal static class ZoneExtensions
{
    /// <summary>
    /// Makes <paramref name="name"/> exist without TXT records (an empty non-terminal such as <c>_domainkey.example.com</c>
    /// answers NOERROR with no data): the static zone answers NXDOMAIN for names it holds nothing for.
    /// </summary>
    public static StaticDnsQuerier AddEmptyNonTerminal(this StaticDnsQuerier zone, string name) =>
        zone.AddRecord(new DnsRecord { Name = name, Type = DnsRecordType.SOA, Ttl = 300, Data = "(stands for the names below)" });
}
