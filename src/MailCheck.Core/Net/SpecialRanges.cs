using System.Net;
using System.Net.Sockets;

namespace MailCheck.Core.Net;

/// <summary>
/// The address ranges no public MX host lives in (IANA IPv4 and IPv6 special-purpose registries, RFC 6890 and
/// successors), most specific first. IPv6 forms that embed an IPv4 address are in <see cref="IPv4Embedding"/>.
/// </summary>
public static class SpecialRanges
{
    /// <summary>IPv6 global unicast: an IPv6 address outside it (and not a wrapper of an IPv4 address) is refused.</summary>
    public const string GlobalUnicastIPv6 = "2000::/3";

    private static readonly AddressBlock GlobalUnicast = new(IPNetwork.Parse(GlobalUnicastIPv6));

    /// <summary>Special IPv4 ranges, longest prefix first.</summary>
    public static IReadOnlyList<SpecialRange> IPv4 { get; } = SortMostSpecificFirst(
    [
        new("0.0.0.0/8", "this network"),
        new("10.0.0.0/8", "private"),
        new("100.64.0.0/10", "carrier-grade NAT"),
        new("127.0.0.0/8", "loopback"),
        new("169.254.0.0/16", "link-local"),
        new("172.16.0.0/12", "private"),
        new("192.0.0.0/24", "IETF protocol assignments"),
        new("192.0.2.0/24", "documentation"),
        new("192.88.99.0/24", "6to4 relay anycast"),
        new("192.168.0.0/16", "private"),
        new("198.18.0.0/15", "benchmarking"),
        new("198.51.100.0/24", "documentation"),
        new("203.0.113.0/24", "documentation"),
        new("224.0.0.0/4", "multicast"),
        new("240.0.0.0/4", "reserved"),
        new("255.255.255.255/32", "limited broadcast"),
    ]);

    /// <summary>
    /// Special IPv6 ranges that do not embed an IPv4 address, longest prefix first. Anything outside
    /// <see cref="GlobalUnicastIPv6"/> is refused as well, named or not.
    /// </summary>
    public static IReadOnlyList<SpecialRange> IPv6 { get; } = SortMostSpecificFirst(
    [
        new("::/128", "unspecified"),
        new("::1/128", "loopback"),
        new("100::/64", "discard-only"),
        new("2001::/23", "IETF protocol assignments"),
        new("2001:2::/48", "benchmarking"),
        new("2001:10::/28", "ORCHID"),
        new("2001:20::/28", "ORCHIDv2"),
        new("2001:db8::/32", "documentation"),
        new("3fff::/20", "documentation"),
        new("5f00::/16", "segment routing (SRv6) SIDs"),
        new("fc00::/7", "unique local"),
        new("fe80::/10", "link-local"),
        new("fec0::/10", "site-local"),
        new("ff00::/8", "multicast"),
    ]);

    /// <summary>The most specific special range holding <paramref name="address"/>, or null.</summary>
    /// <remarks>Looks at the address as it is: for wrappers of IPv4 addresses use <see cref="IPv4Embedding"/>.</remarks>
    public static SpecialRange? Find(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var table = address.AddressFamily == AddressFamily.InterNetwork ? IPv4 : IPv6;
        foreach (var range in table)
        {
            if (range.Contains(address))
            {
                return range;
            }
        }

        return null;
    }

    /// <summary>True for an IPv6 address inside 2000::/3.</summary>
    public static bool IsGlobalUnicastIPv6(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return GlobalUnicast.Contains(address);
    }

    private static SpecialRange[] SortMostSpecificFirst(SpecialRange[] ranges) =>
        [.. ranges.OrderByDescending(r => r.Network.PrefixLength)];
}
