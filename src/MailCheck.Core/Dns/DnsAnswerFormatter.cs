using System.Globalization;
using DnsClient;
using DnsClient.Protocol;

namespace MailCheck.Core.Dns;

/// <summary>Turns DnsClient answers into the readable text of <see cref="DnsQueryLog.Answer"/>.</summary>
internal static class DnsAnswerFormatter
{
    public static string Format(IDnsQueryResponse response)
    {
        var code = response.Header.ResponseCode;
        if (code == DnsHeaderResponseCode.NotExistentDomain)
        {
            return "NXDOMAIN";
        }

        if (code != DnsHeaderResponseCode.NoError)
        {
            return RcodeName(code);
        }

        return response.Answers.Count == 0
            ? "no records"
            : string.Join("; ", response.Answers.Select(FormatRecord));
    }

    public static string RcodeName(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.Refused => "REFUSED",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        _ => "RCODE " + ((int)code).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A host name without its trailing dot ("." stays "." for the null MX).</summary>
    public static string HostName(DnsString name)
    {
        var value = name.Value;
        return value.Length > 1 && value.EndsWith('.') ? value[..^1] : value;
    }

    private static string FormatRecord(DnsResourceRecord record)
    {
        var data = record switch
        {
            MxRecord mx => $"MX {mx.Preference.ToString(CultureInfo.InvariantCulture)} {HostName(mx.Exchange)}",
            ARecord a => "A " + a.Address,
            AaaaRecord aaaa => "AAAA " + aaaa.Address,
            CNameRecord cname => $"{HostName(cname.DomainName)} CNAME {HostName(cname.CanonicalName)}",
            _ => record.ToString(),
        };
        return $"{data} (TTL {record.TimeToLive.ToString(CultureInfo.InvariantCulture)})";
    }
}
