using MailCheck.Core.Dns;

namespace MailCheck.Testing.Scripted;

/// <summary>An <see cref="IMxResolver"/> that answers from a fixed table, reporting one query per host.</summary>
public sealed class StaticMxResolver : IMxResolver
{
    private readonly Dictionary<string, MxLookup> _answers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The domains asked for, in order.</summary>
    public List<string> Queries { get; } = [];

    /// <summary>Answers <paramref name="domain"/> with MX hosts given as (host, preference, addresses).</summary>
    public StaticMxResolver Add(string domain, params (string Host, int Preference, string[] Addresses)[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _answers[domain] = new MxLookup(
            domain,
            MxLookupStatus.Found,
            [.. hosts.Select(h => new MxHost(h.Host, h.Preference, [.. h.Addresses.Select(a => new ResolvedAddress(a, 300))]))],
            Implicit: false,
            Reason: null);
        return this;
    }

    /// <summary>Answers <paramref name="domain"/> with <paramref name="lookup"/> as is.</summary>
    public StaticMxResolver Add(string domain, MxLookup lookup)
    {
        _answers[domain] = lookup;
        return this;
    }

    public Task<MxLookup> LookupAsync(string asciiDomain, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken)
    {
        Queries.Add(asciiDomain);
        if (!_answers.TryGetValue(asciiDomain, out var lookup))
        {
            onQuery?.Invoke(new DnsQueryLog(asciiDomain, "MX", "NXDOMAIN", TimeSpan.FromMilliseconds(1), "static"));
            return Task.FromResult(new MxLookup(asciiDomain, MxLookupStatus.NoMailService, [], false, "NXDOMAIN: the domain does not exist"));
        }

        onQuery?.Invoke(new DnsQueryLog(asciiDomain, "MX", string.Join(", ", lookup.Hosts.Select(h => $"{h.Preference} {h.Host}")), TimeSpan.FromMilliseconds(1), "static"));
        foreach (var host in lookup.Hosts)
        {
            onQuery?.Invoke(new DnsQueryLog(host.Host, "A", string.Join(", ", host.Addresses.Select(a => a.Address)), TimeSpan.FromMilliseconds(1), "static"));
        }

        return Task.FromResult(lookup);
    }
}
