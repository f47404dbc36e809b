using System.Collections.Concurrent;
using System.Net;
using MailCheck.Core.Dns;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Posture.Blocklists;

/// <summary>
/// Asks DNS blocklists about addresses (RFC 5782): one A query per zone per address (IPv4 octets or IPv6 nibbles
/// reversed under the zone, §2.1 and §2.4), a TXT query for the reason of a listing (§2.1), answers reused across
/// checks for <see cref="DnsblOptions.CacheDuration"/>. Spamhaus's 127.255.255.252, .254 and .255 are error codes
/// ("typing error in the query", "query via a public resolver", "excessive queries"), never listings.
/// </summary>
public sealed class DnsblClient(IOptions<DnsblOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Zone, string Address), (DnsblAnswer Answer, DateTimeOffset Expires)> _cache = new();

    public IReadOnlyList<string> Zones { get; } = [.. (options ?? throw new ArgumentNullException(nameof(options))).Value.Zones
        .Select(z => z.Trim().TrimEnd('.').ToLowerInvariant()).Where(z => z.Length > 0).Distinct(StringComparer.Ordinal)];

    public async Task<DnsblAnswer> QueryAsync(CheckDns dns, string zone, IPAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var key = (zone, address.ToString());
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Expires > now)
        {
            return hit.Answer with { Cached = true };
        }

        var answer = await AskAsync(dns, zone, address, cancellationToken).ConfigureAwait(false);
        if (answer.Verdict != DnsblVerdict.Error || answer.Codes.Count > 0)
        {
            // A failed query is not cached: the next check asks again.
            _cache[key] = (answer, now + options.Value.CacheDuration);
        }

        return answer;
    }

    /// <summary>Reads a list's A records (RFC 5782 §2.1: listings are in 127.0.0.0/8).</summary>
    public static (DnsblVerdict Verdict, string? Reason) Interpret(IReadOnlyList<IPAddress> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
        {
            return (DnsblVerdict.NotListed, null);
        }

        var spamhausErrors = codes.Select(SpamhausError).Where(e => e is not null).ToList();
        if (spamhausErrors.Count > 0)
        {
            return (DnsblVerdict.Error, $"could not test: the list refused this resolver ({spamhausErrors[0]})");
        }

        var outside = codes.FirstOrDefault(c => c.GetAddressBytes() is not [127, ..]);
        if (outside is not null)
        {
            return (DnsblVerdict.Error, $"could not test: the list answered {outside}, which is not a listing (RFC 5782 §2.1 puts listings in 127.0.0.0/8): the zone may be gone or answer everything");
        }

        return (DnsblVerdict.Listed, null);
    }

    private static string? SpamhausError(IPAddress code) => code.ToString() switch
    {
        "127.255.255.252" => "127.255.255.252: typing error in the list's name",
        "127.255.255.254" => "127.255.255.254: queries through public or open resolvers are refused",
        "127.255.255.255" => "127.255.255.255: too many queries from this resolver",
        _ => null,
    };

    private static async Task<DnsblAnswer> AskAsync(CheckDns dns, string zone, IPAddress address, CancellationToken cancellationToken)
    {
        var name = ReverseName.Labels(address) + "." + zone;
        var a = await dns.QueryAsync(name, DnsRecordType.A, "blocklist", cancellationToken).ConfigureAwait(false);
        if (a.NoSuchName || (a.Status == DnsResponseStatus.NoError && a.Records.Count == 0))
        {
            return new DnsblAnswer(zone, address.ToString(), DnsblVerdict.NotListed, [], null);
        }

        if (a.Failed)
        {
            return new DnsblAnswer(zone, address.ToString(), DnsblVerdict.Error, [], $"could not test: {a.Error ?? a.Describe()}");
        }

        var codes = a.Records.Select(r => IPAddress.Parse(r.Address!)).ToList();
        var (verdict, reason) = Interpret(codes);
        if (verdict == DnsblVerdict.Listed)
        {
            var txt = await dns.QueryAsync(name, DnsRecordType.TXT, "blocklist", cancellationToken).ConfigureAwait(false);
            reason = txt.Records.Count > 0 ? string.Join(" ", txt.Records.Select(r => r.Text)) : null;
        }

        return new DnsblAnswer(zone, address.ToString(), verdict, [.. codes.Select(c => c.ToString())], reason);
    }
}
