using MailCheck.Core.Checks;

namespace MailCheck.Core.Dns;

/// <summary>
/// MX discovery (RFC 5321 §5.1, RFC 7505): MX sorted by preference (stable), null MX, implicit MX on the domain's own
/// A/AAAA, and A then AAAA for each MX host. Queries run one after another so the transcript reads in a stable order.
/// </summary>
public static class MxResolver
{
    /// <summary>
    /// Most MX host names looked up for one domain; the rest are listed without addresses. The domain's owner
    /// chooses how many MX records it has: without a cap one check could send hundreds of queries.
    /// </summary>
    public const int MaxMxHostsResolved = 10;

    private const string Purpose = "mx";

    /// <summary>Never throws for DNS failures: they come back as <see cref="MxLookupStatus.Error"/>.</summary>
    public static async Task<MxLookup> LookupAsync(CheckDns dns, string asciiDomain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(asciiDomain);
        var domain = asciiDomain.Trim().TrimEnd('.');

        if (DomainName.ParseAddressLiteral(domain) is { } literal)
        {
            // An address literal needs no DNS: the "domain" is the address itself.
            var host = new MxHost(domain, 0, [new ResolvedAddress(literal.ToString(), 0)]);
            return new MxLookup(domain, MxLookupStatus.Found, [host], Implicit: true, Reason: null);
        }

        var mx = await dns.QueryAsync(domain, DnsRecordType.MX, Purpose, cancellationToken).ConfigureAwait(false);
        if (mx.Status != DnsResponseStatus.NoError)
        {
            return Fail(domain, mx, "MX");
        }

        if (mx.Records.Count == 0)
        {
            return await ImplicitMxAsync(dns, domain, cancellationToken).ConfigureAwait(false);
        }

        var usable = mx.Records.Where(r => r.Target != ".").ToList();
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
            var name = record.Target!;
            var preference = record.Preference ?? 0;
            if (!resolved.TryGetValue(name, out var host))
            {
                if (resolved.Count >= MaxMxHostsResolved)
                {
                    hosts.Add(new MxHost(name, preference, [], $"not looked up: MailCheck resolves at most {MaxMxHostsResolved} MX hosts per domain."));
                    continue;
                }

                host = await ResolveHostAsync(dns, name, preference, cancellationToken).ConfigureAwait(false);
                resolved[name] = host;
            }

            hosts.Add(host.Host with { Preference = preference });
        }

        // No host has an address and DNS failed (rather than said "no such host") for some: the answer is unknown.
        if (hosts.All(h => h.Addresses.Count == 0) && resolved.Values.Any(r => r.DnsFailure))
        {
            return new MxLookup(domain, MxLookupStatus.Error, hosts, Implicit: false,
                "none of the MX hosts could be resolved: " + string.Join(" ", resolved.Values.Select(r => r.Host.Error)));
        }

        return new MxLookup(domain, MxLookupStatus.Found, hosts, Implicit: false, Reason: null);
    }

    /// <summary>A and AAAA of one host, as <see cref="ResolvedAddress"/>es (A first).</summary>
    public static async Task<(IReadOnlyList<ResolvedAddress> Addresses, DnsAnswer A, DnsAnswer Aaaa)> AddressesAsync(
        CheckDns dns, string host, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var a = await dns.QueryAsync(host, DnsRecordType.A, purpose, cancellationToken).ConfigureAwait(false);
        var aaaa = await dns.QueryAsync(host, DnsRecordType.AAAA, purpose, cancellationToken).ConfigureAwait(false);
        var list = a.Records.Concat(aaaa.Records)
            .Where(r => r.Address is not null)
            .Select(r => new ResolvedAddress(r.Address!, r.Ttl))
            .DistinctBy(r => r.Address, StringComparer.Ordinal)
            .ToList();
        return (list, a, aaaa);
    }

    private static async Task<MxLookup> ImplicitMxAsync(CheckDns dns, string domain, CancellationToken cancellationToken)
    {
        var (addresses, a, aaaa) = await AddressesAsync(dns, domain, Purpose, cancellationToken).ConfigureAwait(false);
        if (addresses.Count > 0)
        {
            return new MxLookup(domain, MxLookupStatus.Found, [new MxHost(domain, 0, addresses)], Implicit: true, Reason: null);
        }

        // Without any address, a failed query means the answer is unknown rather than "no mail service".
        var failure = a.Failed ? a : aaaa.Failed ? aaaa : null;
        if (failure is not null)
        {
            return Fail(domain, failure, failure.Type.ToString());
        }

        return new MxLookup(domain, MxLookupStatus.NoMailService, [], Implicit: false,
            $"{domain} has no MX record and no A or AAAA address, so it cannot receive mail.");
    }

    private static async Task<(MxHost Host, bool DnsFailure)> ResolveHostAsync(CheckDns dns, string host, int preference, CancellationToken cancellationToken)
    {
        var (addresses, a, aaaa) = await AddressesAsync(dns, host, Purpose, cancellationToken).ConfigureAwait(false);
        if (addresses.Count > 0)
        {
            return (new MxHost(host, preference, addresses), false);
        }

        var error = (a, aaaa) switch
        {
            ({ NoSuchName: true }, _) => $"{host} does not exist (NXDOMAIN).",
            ({ Failed: true }, _) => $"{host} could not be resolved: {Describe(a)}.",
            (_, { Failed: true }) => $"{host} could not be resolved: {Describe(aaaa)}.",
            _ => $"{host} has no A or AAAA address.",
        };
        return (new MxHost(host, preference, [], error), a.Failed || aaaa.Failed);
    }

    private static string Describe(DnsAnswer answer) => answer.Error ?? answer.Describe();

    private static MxLookup Fail(string domain, DnsAnswer answer, string type) => answer.NoSuchName
        ? new MxLookup(domain, MxLookupStatus.NoMailService, [], Implicit: false, $"{domain} does not exist (NXDOMAIN), so it cannot receive mail.")
        : new MxLookup(domain, MxLookupStatus.Error, [], Implicit: false, type == "MX" ? Describe(answer) : $"its {type} query failed: {Describe(answer)}");
}
