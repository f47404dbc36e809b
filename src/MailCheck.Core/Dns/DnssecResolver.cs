using System.Net;
using DnsClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Dns;

/// <summary>
/// Knows, for the whole process, whether MailCheck can believe its resolver about DNSSEC. The AD flag is believed per
/// <c>MailCheck:Dns:TrustAuthenticatedData</c>: <c>auto</c> only when every DNS server is on loopback (RFC 4035 §4.9.3:
/// a stub may trust AD only over a secure channel; loopback is one). Whether the resolver validates is asked once:
/// <c>MailCheck:Dns:DnssecProbeName</c> SOA with the DO bit; an answer with AD says it validates, one without says it
/// does not, a failure leaves it unknown and is asked again at most once a minute. An answer with AD seen later also
/// proves validation. Nothing is sent when the AD flag is not believed (the answer could not be used).
/// </summary>
public sealed partial class DnssecResolver
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly IDnsQuerier _querier;
    private readonly TimeProvider _time;
    private readonly ILogger<DnssecResolver> _logger;
    private readonly string _probeName;
    private readonly Lock _lock = new();
    private DnssecResolverStatus _status;
    private Task<DnssecResolverStatus>? _probe;
    private long _probedAt;

    public DnssecResolver(IDnsQuerier querier, IOptions<DnsOptions> options, TimeProvider timeProvider, ILogger<DnssecResolver> logger)
    {
        ArgumentNullException.ThrowIfNull(querier);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _querier = querier;
        _time = timeProvider;
        _logger = logger;
        var dns = options.Value;
        _probeName = string.IsNullOrWhiteSpace(dns.DnssecProbeName) ? "." : dns.DnssecProbeName.Trim();
        var (trusted, reason) = Trust(dns);
        _status = new DnssecResolverStatus { AdTrusted = trusted, TrustReason = reason };
    }

    /// <summary>What is known now, without asking anything.</summary>
    public DnssecResolverStatus Current
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Parses <see cref="DnsOptions.TrustAuthenticatedData"/>: true/false, or null for auto.</summary>
    public static bool TryParseTrust(string? value, out bool? trust)
    {
        trust = null;
        switch ((value ?? "auto").Trim().ToLowerInvariant())
        {
            case "auto" or "":
                return true;
            case "true":
                trust = true;
                return true;
            case "false":
                trust = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>True for "." or a name of LDH labels (a probe name is asked as is).</summary>
    public static bool IsValidProbeName(string? name)
    {
        var text = (name ?? "").Trim();
        if (text == ".")
        {
            return true;
        }

        var labels = text.TrimEnd('.').Split('.');
        return text.Length is > 0 and <= 253
            && labels.All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    /// <summary>Whether <paramref name="options"/> make the AD flag believable, and why (or why not).</summary>
    public static (bool Trusted, string Reason) Trust(DnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = TryParseTrust(options.TrustAuthenticatedData, out var parsed) ? parsed : null;
        switch (configured)
        {
            case true:
                return (true, $"{DnsOptions.SectionName}:TrustAuthenticatedData is true");
            case false:
                return (false, $"{DnsOptions.SectionName}:TrustAuthenticatedData is false");
        }

        List<IPEndPoint> servers = options.Servers.Count > 0
            ? [.. options.Servers.Select(DnsServerEndpoint.Parse)]
            : SystemServers();
        if (servers.Count == 0)
        {
            return (false, "no DNS server was found");
        }

        var remote = servers.Where(s => !IPAddress.IsLoopback(s.Address)).ToList();
        var names = string.Join(", ", servers.Select(s => s.ToString()));
        return remote.Count == 0
            ? (true, $"the DNS server {names} is on loopback")
            : (false, $"the DNS server {string.Join(", ", remote.Select(s => s.ToString()))} is not on loopback; set {DnsOptions.SectionName}:TrustAuthenticatedData to true if the path to it is secure");
    }

    /// <summary>
    /// The status to judge a check's answers by: asks the resolver once when the AD flag is believed and whether it
    /// validates is not known yet (again at most once a minute after a failed probe).
    /// </summary>
    public async Task<DnssecResolverStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        Task<DnssecResolverStatus> probe;
        lock (_lock)
        {
            if (!_status.AdTrusted || _status.Validates is not null)
            {
                return _status;
            }

            if (_probe is null || (_probe.IsCompleted && _time.GetElapsedTime(_probedAt) >= RetryAfter))
            {
                _probedAt = _time.GetTimestamp();
                _probe = ProbeAsync();
            }

            probe = _probe;
        }

        return await probe.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Learns from an answer: a believed AD flag proves that the resolver validates.</summary>
    public void Observe(DnsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_lock)
        {
            if (_status is { AdTrusted: true, Validates: not true } && answer.AuthenticatedData)
            {
                _status = _status with { Validates = true, Validation = $"{answer.Name} {answer.Type} came back with the AD flag" };
            }
        }
    }

    private async Task<DnssecResolverStatus> ProbeAsync()
    {
        // Not the caller's token: the probe serves every check, and one cancelled check must not cancel it.
        var answer = await _querier.QueryAsync(_probeName, DnsRecordType.SOA, CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            if (_status.Validates is true)
            {
                return _status;
            }

            var asked = $"{_probeName} SOA";
            _status = answer.Status switch
            {
                DnsResponseStatus.NoError or DnsResponseStatus.NxDomain when answer.AuthenticatedData =>
                    _status with { Validates = true, Validation = $"{asked} came back with the AD flag" },
                DnsResponseStatus.NoError or DnsResponseStatus.NxDomain =>
                    _status with { Validates = false, Validation = $"{asked} came back without the AD flag: it does not validate, or has no trust anchor for {_probeName} ({DnsOptions.SectionName}:DnssecProbeName)" },
                _ => _status with { Validates = null, Validation = $"asking {asked} failed: {answer.Describe()}" },
            };
            LogProbe(_probeName, answer.Status, answer.AuthenticatedData, _status.Validates);
            return _status;
        }
    }

    private static List<IPEndPoint> SystemServers()
    {
        try
        {
            return [.. NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false).Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port))];
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNSSEC probe {Name} SOA: {Status} (AD {Authenticated}): the resolver validates: {Validates}")]
    private partial void LogProbe(string name, DnsResponseStatus status, bool authenticated, bool? validates);
}
