using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using MailCheck.Core.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Dns;

/// <summary>
/// MX discovery with DnsClient (RFC 5321 §5.1, RFC 7505): MX sorted by preference (stable), null MX,
/// implicit MX on the domain's own A/AAAA, and A then AAAA for each MX host. No cache: every answer is fresh.
/// Queries run one after another so the transcript reads in a stable order.
/// </summary>
public sealed class DnsClientMxResolver : IMxResolver
{
    /// <summary>
    /// Most MX host names looked up for one domain; the rest are listed without addresses. The domain's owner
    /// chooses how many MX records it has: without a cap one check could send hundreds of queries.
    /// </summary>
    public const int MaxMxHostsResolved = 10;

    private readonly LookupClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly string? _configuredServer;

    public DnsClientMxResolver(IOptions<DnsOptions> options, TimeProvider timeProvider)
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
        _client = new LookupClient(clientOptions);
        _timeProvider = timeProvider;
        _configuredServer = servers.Length > 0 ? servers[0].ToString() : null;
    }

    public async Task<MxLookup> LookupAsync(string asciiDomain, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asciiDomain);
        var domain = asciiDomain.Trim().TrimEnd('.');

        if (DomainName.ParseAddressLiteral(domain) is { } literal)
        {
            // An address literal needs no DNS: the "domain" is the address itself.
            var host = new MxHost(domain, 0, [new ResolvedAddress(literal.ToString(), 0)]);
            return new MxLookup(domain, MxLookupStatus.Found, [host], Implicit: true, Reason: null);
        }

        var mx = await QueryAsync(domain, QueryType.MX, onQuery, cancellationToken).ConfigureAwait(false);
        if (mx.Failure is { } failure)
        {
            return Fail(domain, failure, "MX");
        }

        var records = mx.Response!.Answers.MxRecords().ToList();
        if (records.Count == 0)
        {
            return await ImplicitMxAsync(domain, onQuery, cancellationToken).ConfigureAwait(false);
        }

        var usable = records.Where(r => DnsAnswerFormatter.HostName(r.Exchange) != ".").ToList();
        if (usable.Count == 0)
        {
            return new MxLookup(domain, MxLookupStatus.NullMx, [], Implicit: false,
                $"{domain} publishes a null MX (RFC 7505): it says it accepts no mail at all.");
        }

        // OrderBy is stable: equal preferences keep the order the DNS answer gave.
        var hosts = new List<MxHost>(usable.Count);
        var resolved = new Dictionary<string, (MxHost Host, bool DnsFailure)>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in usable.OrderBy(r => r.Preference))
        {
            var name = DnsAnswerFormatter.HostName(record.Exchange);
            if (!resolved.TryGetValue(name, out var host))
            {
                if (resolved.Count >= MaxMxHostsResolved)
                {
                    hosts.Add(new MxHost(name, record.Preference, [], $"not looked up: MailCheck resolves at most {MaxMxHostsResolved} MX hosts per domain."));
                    continue;
                }

                host = await ResolveHostAsync(name, record.Preference, onQuery, cancellationToken).ConfigureAwait(false);
                resolved[name] = host;
            }

            hosts.Add(host.Host with { Preference = record.Preference });
        }

        // No host has an address and DNS failed (rather than said "no such host") for some: the answer is unknown.
        if (hosts.All(h => h.Addresses.Count == 0) && resolved.Values.Any(r => r.DnsFailure))
        {
            return new MxLookup(domain, MxLookupStatus.Error, hosts, Implicit: false,
                "none of the MX hosts could be resolved: " + string.Join(" ", resolved.Values.Select(r => r.Host.Error)));
        }

        return new MxLookup(domain, MxLookupStatus.Found, hosts, Implicit: false, Reason: null);
    }

    private async Task<MxLookup> ImplicitMxAsync(string domain, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken)
    {
        var a = await QueryAsync(domain, QueryType.A, onQuery, cancellationToken).ConfigureAwait(false);
        var aaaa = await QueryAsync(domain, QueryType.AAAA, onQuery, cancellationToken).ConfigureAwait(false);
        var addresses = Addresses(a, aaaa);
        if (addresses.Count > 0)
        {
            return new MxLookup(domain, MxLookupStatus.Found, [new MxHost(domain, 0, addresses)], Implicit: true, Reason: null);
        }

        // Without any address, a failed query means the answer is unknown rather than "no mail service".
        var failure = a.Failure is { NoSuchDomain: false } ? a.Failure
            : aaaa.Failure is { NoSuchDomain: false } ? aaaa.Failure
            : null;
        if (failure is not null)
        {
            return Fail(domain, failure, "A/AAAA");
        }

        return new MxLookup(domain, MxLookupStatus.NoMailService, [], Implicit: false,
            $"{domain} has no MX record and no A or AAAA address, so it cannot receive mail.");
    }

    private async Task<(MxHost Host, bool DnsFailure)> ResolveHostAsync(string host, int preference, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken)
    {
        var a = await QueryAsync(host, QueryType.A, onQuery, cancellationToken).ConfigureAwait(false);
        var aaaa = await QueryAsync(host, QueryType.AAAA, onQuery, cancellationToken).ConfigureAwait(false);
        var addresses = Addresses(a, aaaa);
        if (addresses.Count > 0)
        {
            return (new MxHost(host, preference, addresses), false);
        }

        var error = (a.Failure, aaaa.Failure) switch
        {
            ({ NoSuchDomain: true }, _) => $"{host} does not exist (NXDOMAIN).",
            ({ } f, _) => $"{host} could not be resolved: {f.Describe("A")}.",
            (_, { } f) => $"{host} could not be resolved: {f.Describe("AAAA")}.",
            _ => $"{host} has no A or AAAA address.",
        };
        var dnsFailure = a.Failure is { NoSuchDomain: false } || aaaa.Failure is { NoSuchDomain: false };
        return (new MxHost(host, preference, [], error), dnsFailure);
    }

    private static List<ResolvedAddress> Addresses(QueryResult a, QueryResult aaaa)
    {
        var list = new List<ResolvedAddress>();
        if (a.Response is { } ra)
        {
            list.AddRange(ra.Answers.ARecords().Select(r => new ResolvedAddress(r.Address.ToString(), r.TimeToLive)));
        }

        if (aaaa.Response is { } raaaa)
        {
            list.AddRange(raaaa.Answers.AaaaRecords().Select(r => new ResolvedAddress(r.Address.ToString(), r.TimeToLive)));
        }

        return list.DistinctBy(r => r.Address, StringComparer.Ordinal).ToList();
    }

    private static MxLookup Fail(string domain, QueryFailure failure, string type) => failure.NoSuchDomain
        ? new MxLookup(domain, MxLookupStatus.NoMailService, [], Implicit: false, $"{domain} does not exist (NXDOMAIN), so it cannot receive mail.")
        : new MxLookup(domain, MxLookupStatus.Error, [], Implicit: false, $"The {type} lookup for {domain} failed: {failure.Describe(type)}.");

    private async Task<QueryResult> QueryAsync(string name, QueryType type, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = _timeProvider.GetTimestamp();
        IDnsQueryResponse? response = null;
        QueryFailure? failure = null;
        string answer;
        try
        {
            response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            answer = DnsAnswerFormatter.Format(response);
            var code = response.Header.ResponseCode;
            if (code == DnsHeaderResponseCode.NotExistentDomain)
            {
                failure = new QueryFailure(NoSuchDomain: true, "NXDOMAIN");
            }
            else if (code != DnsHeaderResponseCode.NoError)
            {
                failure = new QueryFailure(NoSuchDomain: false, $"the DNS server answered {answer}");
                response = null;
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // DnsClient wraps a cancellation in DnsResponseException: report it as the cancellation it is.
            throw new OperationCanceledException("The DNS query was cancelled.", ex, cancellationToken);
        }
        catch (DnsResponseException ex)
        {
            var timedOut = ex.Code == DnsResponseCode.ConnectionTimeout;
            answer = timedOut ? "timeout" : "error: " + ex.Message;
            failure = new QueryFailure(NoSuchDomain: false, timedOut ? "no DNS server answered in time (timeout)" : ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException
                                   && !cancellationToken.IsCancellationRequested)
        {
            // DnsClient throws while reading some hostile answers (e.g. a label "xn--zz", which is not valid
            // punycode). The domain's DNS is chosen by whoever submits it: a query failure, not an internal error.
            answer = "error: the answer could not be read";
            failure = new QueryFailure(NoSuchDomain: false, "the DNS answer could not be read (" + ex.Message + ")");
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            answer = ex is TimeoutException or OperationCanceledException ? "timeout" : "error: " + ex.Message;
            failure = new QueryFailure(NoSuchDomain: false, ex is TimeoutException or OperationCanceledException
                ? "no DNS server answered in time (timeout)"
                : "the DNS server could not be reached: " + ex.Message);
        }

        var elapsed = _timeProvider.GetElapsedTime(started);
        var server = response?.NameServer?.ToString() ?? _configuredServer;
        onQuery?.Invoke(new DnsQueryLog(name, type.ToString(), answer, elapsed, server, failure is { NoSuchDomain: false }));
        return new QueryResult(response, failure);
    }

    private sealed record QueryResult(IDnsQueryResponse? Response, QueryFailure? Failure);

    private sealed record QueryFailure(bool NoSuchDomain, string Reason)
    {
        public string Describe(string type) => NoSuchDomain ? $"{type}: NXDOMAIN" : Reason;
    }
}
