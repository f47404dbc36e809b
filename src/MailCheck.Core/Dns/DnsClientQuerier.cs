using System.Globalization;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using DnsClient.Protocol.Options;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Dns;

/// <summary>
/// The one place MailCheck talks to DNS (DnsClient). No cache (every answer is fresh; a check caches its own answers
/// in <see cref="CheckDns"/>), TCP fallback for long answers, the DO bit set so a validating resolver reports DNSSEC
/// (RFC 3225, RFC 4035 §3.2.1), and the extended DNS error of an answer (RFC 8914) read from its OPT record.
/// </summary>
public sealed class DnsClientQuerier : IDnsQuerier
{
    private readonly LookupClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly string? _configuredServer;

    public DnsClientQuerier(IOptions<DnsOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var dns = options.Value;
        var servers = dns.Servers.Select(s => new NameServer(DnsServerEndpoint.Parse(s))).ToArray();
        var clientOptions = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        clientOptions.UseCache = false;
        clientOptions.Timeout = dns.Timeout;
        clientOptions.Retries = Math.Max(0, dns.Retries);
        clientOptions.ThrowDnsErrors = false;
        clientOptions.ContinueOnDnsError = true;
        clientOptions.UseTcpFallback = true;
        clientOptions.UseRandomNameServer = false;
        clientOptions.RequestDnsSecRecords = true;
        _client = new LookupClient(clientOptions);
        _timeProvider = timeProvider;
        _configuredServer = servers.Length > 0 ? servers[0].ToString() : null;
    }

    public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _timeProvider.GetTimestamp();
        try
        {
            var response = await _client.QueryAsync(name, (QueryType)(int)type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            return Read(name, type, response, _timeProvider.GetElapsedTime(started));
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // DnsClient wraps a cancellation in DnsResponseException: report it as the cancellation it is.
            throw new OperationCanceledException("The DNS query was cancelled.", ex, cancellationToken);
        }
        catch (DnsResponseException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var timedOut = ex.Code == DnsResponseCode.ConnectionTimeout;
            return Failure(name, type, timedOut ? DnsResponseStatus.Timeout : DnsResponseStatus.NetworkError,
                timedOut ? "no DNS server answered in time (timeout)" : ex.Message, started);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException
                                   && !cancellationToken.IsCancellationRequested)
        {
            // DnsClient throws while reading some hostile answers (e.g. a label "xn--zz", not valid punycode). The
            // domain's DNS is chosen by whoever submits it: a failed query, not an internal error.
            return Failure(name, type, DnsResponseStatus.NetworkError, "the DNS answer could not be read (" + ex.Message + ")", started);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            var timedOut = ex is TimeoutException or OperationCanceledException;
            return Failure(name, type, timedOut ? DnsResponseStatus.Timeout : DnsResponseStatus.NetworkError,
                timedOut ? "no DNS server answered in time (timeout)" : "the DNS server could not be reached: " + ex.Message, started);
        }
    }

    private DnsAnswer Failure(string name, DnsRecordType type, DnsResponseStatus status, string error, long started) => new()
    {
        Name = name,
        Type = type,
        Status = status,
        Error = error,
        Elapsed = _timeProvider.GetElapsedTime(started),
        Server = _configuredServer,
    };

    private DnsAnswer Read(string name, DnsRecordType type, IDnsQueryResponse response, TimeSpan elapsed)
    {
        var status = response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => DnsResponseStatus.NoError,
            DnsHeaderResponseCode.NotExistentDomain => DnsResponseStatus.NxDomain,
            DnsHeaderResponseCode.ServerFailure => DnsResponseStatus.ServFail,
            DnsHeaderResponseCode.Refused => DnsResponseStatus.Refused,
            _ => DnsResponseStatus.OtherError,
        };
        var records = new List<DnsRecord>();
        var cnames = new List<DnsRecord>();
        if (status == DnsResponseStatus.NoError)
        {
            foreach (var answer in response.Answers)
            {
                if (ToRecord(answer) is not { } record)
                {
                    continue;
                }

                if (record.Type == type)
                {
                    records.Add(record);
                }
                else if (record.Type == DnsRecordType.CNAME)
                {
                    cnames.Add(record);
                }
            }
        }

        int? edeCode = null;
        string? edeText = null;
        if (response.Additionals.OfType<OptRecord>().FirstOrDefault()?.Data is { Length: > 0 } optData
            && ExtendedDnsError.TryRead(optData, out var infoCode, out var extraText))
        {
            edeCode = infoCode;
            edeText = extraText;
        }

        return new DnsAnswer
        {
            Name = name,
            Type = type,
            Status = status,
            Records = records,
            Cnames = cnames,
            AuthenticatedData = response.Header.IsAuthenticData,
            ExtendedErrorCode = edeCode,
            ExtendedErrorText = edeText,
            Elapsed = elapsed,
            Server = response.NameServer?.ToString() ?? _configuredServer,
            Error = status is DnsResponseStatus.NoError or DnsResponseStatus.NxDomain
                ? null
                : "the DNS server answered " + DnsAnswerFormatter.RcodeName(response.Header.ResponseCode),
        };
    }

    internal static DnsRecord? ToRecord(DnsResourceRecord answer)
    {
        var owner = DnsAnswerFormatter.HostName(answer.DomainName);
        var ttl = answer.TimeToLive;
        return answer switch
        {
            ARecord a => new DnsRecord { Name = owner, Type = DnsRecordType.A, Ttl = ttl, Data = a.Address.ToString(), Address = a.Address.ToString() },
            AaaaRecord a => new DnsRecord { Name = owner, Type = DnsRecordType.AAAA, Ttl = ttl, Data = a.Address.ToString(), Address = a.Address.ToString() },
            MxRecord mx => new DnsRecord
            {
                Name = owner,
                Type = DnsRecordType.MX,
                Ttl = ttl,
                Data = $"{mx.Preference.ToString(CultureInfo.InvariantCulture)} {DnsAnswerFormatter.HostName(mx.Exchange)}",
                Target = DnsAnswerFormatter.HostName(mx.Exchange),
                Preference = mx.Preference,
            },
            TxtRecord txt => new DnsRecord
            {
                Name = owner,
                Type = DnsRecordType.TXT,
                Ttl = ttl,
                Data = DnsText.QuoteStrings(txt.Text),
                Strings = [.. txt.Text],
            },
            CNameRecord c => Target(owner, DnsRecordType.CNAME, ttl, c.CanonicalName),
            PtrRecord p => Target(owner, DnsRecordType.PTR, ttl, p.PtrDomainName),
            NsRecord ns => Target(owner, DnsRecordType.NS, ttl, ns.NSDName),
            TlsaRecord t => new DnsRecord
            {
                Name = owner,
                Type = DnsRecordType.TLSA,
                Ttl = ttl,
                Tlsa = new TlsaData((int)t.CertificateUsage, (int)t.Selector, (int)t.MatchingType, Convert.ToHexString([.. t.CertificateAssociationData])),
                Data = $"{(int)t.CertificateUsage} {(int)t.Selector} {(int)t.MatchingType} {Convert.ToHexString([.. t.CertificateAssociationData])}",
            },
            SoaRecord s => new DnsRecord { Name = owner, Type = DnsRecordType.SOA, Ttl = ttl, Data = s.ToString() },
            DsRecord d => new DnsRecord { Name = owner, Type = DnsRecordType.DS, Ttl = ttl, Data = d.ToString() },
            DnsKeyRecord k => new DnsRecord { Name = owner, Type = DnsRecordType.DNSKEY, Ttl = ttl, Data = k.ToString() },
            _ => null,
        };
    }

    private static DnsRecord Target(string owner, DnsRecordType type, int ttl, DnsString target)
    {
        var name = DnsAnswerFormatter.HostName(target);
        return new DnsRecord { Name = owner, Type = type, Ttl = ttl, Data = name, Target = name };
    }
}
