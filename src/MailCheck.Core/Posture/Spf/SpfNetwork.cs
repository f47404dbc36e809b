using System.Net;

namespace MailCheck.Core.Posture.Spf;

/// <summary>CIDR matching for ip4, ip6, a and mx (RFC 7208 §5.6, §5.3, §5.4).</summary>
internal static class SpfNetwork
{
    /// <summary>
    /// True when <paramref name="ip"/> is in <paramref name="network"/>/<paramref name="prefix"/>. Both must be of the
    /// same family: an IPv4-mapped IPv6 client address is IPv4 here (the caller maps it, RFC 7208 §5).
    /// </summary>
    public static bool Contains(IPAddress network, int prefix, IPAddress ip)
    {
        if (network.AddressFamily != ip.AddressFamily)
        {
            return false;
        }

        var a = network.GetAddressBytes();
        var b = ip.GetAddressBytes();
        var whole = prefix / 8;
        for (var i = 0; i < whole; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        var bits = prefix % 8;
        if (bits == 0)
        {
            return true;
        }

        var mask = (byte)(0xff << (8 - bits));
        return (a[whole] & mask) == (b[whole] & mask);
    }

    /// <summary>The client address as SPF compares it: an IPv4-mapped IPv6 address becomes IPv4 (RFC 7208 §5).</summary>
    public static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
