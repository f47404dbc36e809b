using System.Globalization;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>
/// The TLSA records of a check's MX hosts and the DNSSEC state of everything they depend on, looked up before
/// connecting (RFC 7672 §2.2): what a DANE sender would require of each host.
/// </summary>
/// <param name="Domain">The domain whose MX hosts these are.</param>
/// <param name="Port">The port the TLSA names are for (<c>_25._tcp</c> for port 25).</param>
/// <param name="Resolver">What MailCheck's resolver lets it conclude (null when answers are not judged).</param>
/// <param name="Hosts">One entry per MX host looked up, in MX order.</param>
public sealed record DaneLookup(string Domain, int Port, DnssecResolverStatus? Resolver, IReadOnlyList<DaneHost> Hosts)
{
    /// <summary>Most MX hosts whose TLSA records are looked up (the same cap as MX hosts resolved).</summary>
    public const int MaxHosts = MxResolver.MaxMxHostsResolved;

    private const string Purpose = "dane";

    /// <summary>True when the resolver lets MailCheck tell secure from insecure and bogus.</summary>
    public bool Verifiable => Resolver?.CanVerify == true;

    /// <summary>The entry of <paramref name="host"/>, if it was looked up.</summary>
    public DaneHost? For(string host) => Hosts.FirstOrDefault(h => string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Looks up the TLSA records of every MX host with an address (the MX and address answers come from the check's cache:
    /// discovery asked them). A host whose address lookup reached another name through secure CNAMEs is asked at that
    /// name first, then at its own (RFC 7672 §2.2.3).
    /// </summary>
    public static async Task<DaneLookup> RunAsync(CheckDns dns, MxLookup mx, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(mx);
        var mxAnswer = await dns.QueryAsync(mx.Domain, DnsRecordType.MX, "mx", cancellationToken).ConfigureAwait(false);
        var mxState = mxAnswer.Dnssec ?? DnssecState.Indeterminate;
        var hosts = new List<DaneHost>();
        foreach (var host in mx.Hosts.Where(h => h.Addresses.Count > 0).DistinctBy(h => h.Host, StringComparer.OrdinalIgnoreCase).Take(MaxHosts))
        {
            hosts.Add(await HostAsync(dns, host.Host, port, mxState, cancellationToken).ConfigureAwait(false));
        }

        return new DaneLookup(mx.Domain, port, dns.Dnssec, hosts);
    }

    /// <summary>The TLSA name of a host and port: <c>_25._tcp.mx1.example.com</c> (RFC 6698 §3).</summary>
    public static string TlsaName(int port, string host) => string.Create(CultureInfo.InvariantCulture, $"_{port}._tcp.{host}");

    private static async Task<DaneHost> HostAsync(CheckDns dns, string host, int port, DnssecState mxState, CancellationToken cancellationToken)
    {
        var a = await dns.QueryAsync(host, DnsRecordType.A, "mx", cancellationToken).ConfigureAwait(false);
        var aaaa = await dns.QueryAsync(host, DnsRecordType.AAAA, "mx", cancellationToken).ConfigureAwait(false);
        var addressState = Weakest(a.Dnssec, aaaa.Dnssec);
        var names = new List<string> { host };
        var expanded = new[] { a, aaaa }.Select(x => x.Cnames.Count > 0 ? x.Cnames[^1].Target : null).FirstOrDefault(t => t is not null);
        if (expanded is not null && addressState == DnssecState.Secure && !string.Equals(expanded, host, StringComparison.OrdinalIgnoreCase))
        {
            names.Insert(0, expanded);
        }

        DnsAnswer? tlsa = null;
        foreach (var name in names)
        {
            tlsa = await dns.QueryAsync(TlsaName(port, name), DnsRecordType.TLSA, Purpose, cancellationToken).ConfigureAwait(false);
            if (tlsa.Failed || tlsa.Records.Count > 0)
            {
                break;
            }
        }

        return new DaneHost
        {
            Host = host,
            TlsaName = tlsa!.Name,
            ReferenceNames = [host, .. names.Where(n => !string.Equals(n, host, StringComparison.OrdinalIgnoreCase))],
            MxState = mxState,
            AddressState = addressState,
            TlsaState = tlsa.Dnssec ?? DnssecState.Indeterminate,
            TlsaStatus = tlsa.Status,
            TlsaFailure = tlsa.Failed ? tlsa.Describe() : null,
            Records = [.. tlsa.Records.Select(r => r.Tlsa).OfType<TlsaData>()],
        };
    }

    /// <summary>The least secure of two states: bogus, then indeterminate, then insecure, then secure.</summary>
    internal static DnssecState Weakest(params DnssecState?[] states)
    {
        var known = states.Select(s => s ?? DnssecState.Indeterminate).ToList();
        return known.Contains(DnssecState.Bogus) ? DnssecState.Bogus
            : known.Contains(DnssecState.Indeterminate) ? DnssecState.Indeterminate
            : known.Contains(DnssecState.Insecure) ? DnssecState.Insecure
            : DnssecState.Secure;
    }
}
