using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Dns;

namespace MailCheck.Testing.Dns;

/// <summary>
/// An <see cref="IDnsQuerier"/> answering from an in-memory zone, instantly and without sockets: for engine tests that
/// are about something other than DNS. Unknown names get NXDOMAIN, known names without the type NODATA; a CNAME is
/// followed within the zone. <see cref="SetStatus"/> makes a name fail (SERVFAIL, timeout ...).
/// </summary>
public sealed class StaticDnsQuerier : IDnsQuerier
{
    private readonly ConcurrentDictionary<string, List<DnsRecord>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DnsResponseStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(string Name, DnsRecordType Type)> _queries = new();
    private readonly ConcurrentDictionary<string, byte> _signed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Code, string? Text)> _extendedErrors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every query received, in order.</summary>
    public IReadOnlyList<(string Name, DnsRecordType Type)> Queries => [.. _queries];

    /// <summary>Answers <paramref name="domain"/> MX with hosts given as (host, preference, addresses), and each host's A/AAAA.</summary>
    public StaticDnsQuerier Add(string domain, params (string Host, int Preference, string[] Addresses)[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        foreach (var (host, preference, addresses) in hosts)
        {
            AddMx(domain, preference, host);
            foreach (var address in addresses)
            {
                AddAddress(host, address);
            }
        }

        return this;
    }

    public StaticDnsQuerier AddMx(string domain, int preference, string host) => AddRecord(new DnsRecord
    {
        Name = domain,
        Type = DnsRecordType.MX,
        Ttl = 300,
        Data = $"{preference} {host}",
        Target = host,
        Preference = preference,
    });

    /// <summary>Adds an A or AAAA record, by the address's family.</summary>
    public StaticDnsQuerier AddAddress(string name, string address)
    {
        var ip = IPAddress.Parse(address);
        var type = ip.AddressFamily == AddressFamily.InterNetworkV6 ? DnsRecordType.AAAA : DnsRecordType.A;
        return AddRecord(new DnsRecord { Name = name, Type = type, Ttl = 300, Data = ip.ToString(), Address = ip.ToString() });
    }

    /// <summary>Adds a TXT record; text over 255 bytes is split into 255-byte character-strings as a zone file would.</summary>
    public StaticDnsQuerier AddTxt(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var strings = new List<string>();
        for (var i = 0; i < text.Length; i += 255)
        {
            strings.Add(text.Substring(i, Math.Min(255, text.Length - i)));
        }

        if (strings.Count == 0)
        {
            strings.Add("");
        }

        return AddRecord(new DnsRecord { Name = name, Type = DnsRecordType.TXT, Ttl = 300, Data = DnsText.QuoteStrings(strings), Strings = strings });
    }

    public StaticDnsQuerier AddPtr(string reverseName, string target) =>
        AddRecord(new DnsRecord { Name = reverseName, Type = DnsRecordType.PTR, Ttl = 300, Data = target, Target = target });

    public StaticDnsQuerier AddCname(string name, string target) =>
        AddRecord(new DnsRecord { Name = name, Type = DnsRecordType.CNAME, Ttl = 300, Data = target, Target = target });

    public StaticDnsQuerier AddRecord(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var list = _records.GetOrAdd(Key(record.Name), _ => []);
        lock (list)
        {
            list.Add(record);
        }

        return this;
    }

    /// <summary>Adds a TLSA record (RFC 6698), e.g. <c>AddTlsa("_25._tcp.mx1.example.com", 3, 1, 1, "AB12…")</c>.</summary>
    public StaticDnsQuerier AddTlsa(string name, int usage, int selector, int matchingType, string hex) => AddRecord(new DnsRecord
    {
        Name = name,
        Type = DnsRecordType.TLSA,
        Ttl = 300,
        Tlsa = new TlsaData(usage, selector, matchingType, hex.ToUpperInvariant()),
        Data = $"{usage} {selector} {matchingType} {hex.ToUpperInvariant()}",
    });

    /// <summary>
    /// Answers (records, NODATA and NXDOMAIN) for <paramref name="zone"/> and every name below it carry the AD flag, as a
    /// validating resolver sets it for a signed zone it has a chain of trust to.
    /// </summary>
    public StaticDnsQuerier Sign(string zone)
    {
        _signed[Key(zone)] = 0;
        return this;
    }

    /// <summary>Queries for <paramref name="name"/> answer SERVFAIL with this extended DNS error (RFC 8914; 6 = DNSSEC Bogus).</summary>
    public StaticDnsQuerier SetExtendedError(string name, int code, string? text = null)
    {
        _statuses[Key(name)] = DnsResponseStatus.ServFail;
        _extendedErrors[Key(name)] = (code, text);
        return this;
    }

    /// <summary>Every query for <paramref name="name"/> ends with <paramref name="status"/> (SERVFAIL, timeout ...).</summary>
    public StaticDnsQuerier SetStatus(string name, DnsResponseStatus status)
    {
        _statuses[Key(name)] = status;
        return this;
    }

    public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _queries.Enqueue((name, type));
        var key = Key(name);
        if (_statuses.TryGetValue(key, out var status))
        {
            var ede = _extendedErrors.TryGetValue(key, out var e) ? e : ((int Code, string? Text)?)null;
            return Task.FromResult(new DnsAnswer
            {
                Name = name,
                Type = type,
                Status = status,
                ExtendedErrorCode = ede?.Code,
                ExtendedErrorText = ede?.Text,
                Error = status switch
                {
                    DnsResponseStatus.NxDomain or DnsResponseStatus.NoError => null,
                    DnsResponseStatus.ServFail => "the DNS server answered SERVFAIL",
                    DnsResponseStatus.Refused => "the DNS server answered REFUSED",
                    DnsResponseStatus.Timeout => "no DNS server answered in time (timeout)",
                    _ => $"the DNS query failed ({status})",
                },
                Elapsed = TimeSpan.FromMilliseconds(1),
                Server = "static",
            });
        }

        var cnames = new List<DnsRecord>();
        for (var hops = 0; hops < 8; hops++)
        {
            if (!_records.TryGetValue(key, out var list))
            {
                break;
            }

            List<DnsRecord> copy;
            lock (list)
            {
                copy = [.. list];
            }

            var matching = copy.Where(r => r.Type == type).ToList();
            var cname = copy.FirstOrDefault(r => r.Type == DnsRecordType.CNAME);
            if (matching.Count > 0 || cname is null || type == DnsRecordType.CNAME)
            {
                return Task.FromResult(Answer(name, type, DnsResponseStatus.NoError, matching, cnames));
            }

            cnames.Add(cname);
            key = Key(cname.Target!);
        }

        return Task.FromResult(Answer(name, type, cnames.Count > 0 ? DnsResponseStatus.NoError : DnsResponseStatus.NxDomain, [], cnames));
    }

    private DnsAnswer Answer(string name, DnsRecordType type, DnsResponseStatus status, List<DnsRecord> records, List<DnsRecord> cnames) => new()
    {
        Name = name,
        Type = type,
        Status = status,
        Records = records,
        Cnames = cnames,
        AuthenticatedData = IsSigned(name) && cnames.All(c => IsSigned(c.Target!)),
        Elapsed = TimeSpan.FromMilliseconds(1),
        Server = "static",
    };

    private bool IsSigned(string name)
    {
        var key = Key(name);
        return _signed.Keys.Any(zone => key == zone || key.EndsWith("." + zone, StringComparison.Ordinal));
    }

    private static string Key(string name) => DnsText.TrimDot(name.Trim()).ToLowerInvariant();
}
