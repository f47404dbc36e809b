using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.ReverseDns;

/// <summary>
/// The "iprev" test of RFC 8601 §3: the PTR names of an address, and which of them resolve back to it
/// (forward-confirmed reverse DNS). Shared by the mail-server check and "how receivers see you".
/// </summary>
public static class ReverseDnsLookup
{
    /// <summary>Most PTR names followed forward for one address (as RFC 7208 §5.5 limits SPF's ptr to 10; 3 is plenty here).</summary>
    public const int MaxNamesFollowed = 3;

    /// <summary>Looks up the PTR of <paramref name="address"/> and follows up to <see cref="MaxNamesFollowed"/> names forward.</summary>
    public static async Task<ReverseDnsResult> LookupAsync(CheckDns dns, IPAddress address, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(address);
        var ptr = await dns.QueryAsync(ReverseName.Ptr(address), DnsRecordType.PTR, purpose, cancellationToken).ConfigureAwait(false);
        if (ptr.Failed)
        {
            return new ReverseDnsResult(address, [], null, ptr.Error ?? ptr.Describe());
        }

        var names = ptr.Records.Select(r => r.Target!).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var type = address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6 ? DnsRecordType.AAAA : DnsRecordType.A;
        var canonical = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        string? forwardFailure = null;
        foreach (var name in names.Take(MaxNamesFollowed))
        {
            var forward = await dns.QueryAsync(name, type, purpose, cancellationToken).ConfigureAwait(false);
            if (forward.Failed)
            {
                forwardFailure ??= forward.Error ?? forward.Describe();
                continue;
            }

            if (forward.Records.Any(r => IPAddress.TryParse(r.Address, out var ip) && ip.Equals(canonical)))
            {
                return new ReverseDnsResult(address, names, name, null);
            }
        }

        return new ReverseDnsResult(address, names, null, forwardFailure);
    }
}
