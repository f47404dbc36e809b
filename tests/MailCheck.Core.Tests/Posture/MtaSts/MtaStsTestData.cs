using MailCheck.Core.Dns;
using MailCheck.Core.Posture.MtaSts;

namespace MailCheck.Core.Tests.Posture.MtaSts;

/// <summary>Discoveries built by hand for the verdict tables.</summary>
internal static class MtaStsTestData
{
    public const string Domain = "example.com";
    public const string Url = "https://mta-sts.example.com/.well-known/mta-sts.txt";
    public const string EnforcePolicy = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.backup.example.com\nmax_age: 604800\n";

    public static DnsAnswer Txt(params string[] records) => new()
    {
        Name = "_mta-sts." + Domain,
        Type = DnsRecordType.TXT,
        Status = records.Length == 0 ? DnsResponseStatus.NxDomain : DnsResponseStatus.NoError,
        Records = [.. records.Select(r => new DnsRecord { Name = "_mta-sts." + Domain, Type = DnsRecordType.TXT, Ttl = 300, Data = $"\"{r}\"", Strings = [r] })],
    };

    public static MtaStsFetch Fetched(string body, string contentType = "text/plain") => new()
    {
        Url = Url,
        Host = "mta-sts." + Domain,
        Status = MtaStsFetchStatus.Fetched,
        Address = "203.0.113.10",
        HttpStatus = 200,
        ContentType = contentType,
        Body = body,
        Certificate = new MtaStsCertificate { Subject = "CN=mta-sts.example.com", Issuer = "CN=Public CA", ChainValid = true, NameMatches = true },
    };

    public static MtaStsFetch Failed(MtaStsFetchStatus status, string error) => new()
    {
        Url = Url,
        Host = "mta-sts." + Domain,
        Status = status,
        Error = error,
    };

    public static MtaStsDiscovery Discovery(DnsAnswer txt, MtaStsFetch? fetch) => new()
    {
        Domain = Domain,
        TxtAnswer = txt,
        TxtRecords = [.. txt.Records.Select(r => r.Text!)],
        Fetch = fetch,
    };
}
