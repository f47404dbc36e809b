using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.Core.Dns;

/// <summary>Reverse names of addresses: for PTR (RFC 1035 §3.5, RFC 3596 §2.5) and DNS blocklists (RFC 5782 §2.1, §2.4).</summary>
public static class ReverseName
{
    /// <summary>The labels of the address reversed: IPv4 octets, IPv6 nibbles, e.g. <c>2.0.0.127</c>.</summary>
    public static string Labels(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return string.Join('.', bytes.Reverse().Select(b => b.ToString(CultureInfo.InvariantCulture)));
        }

        var sb = new StringBuilder(64);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            sb.Append((bytes[i] & 0x0f).ToString("x", CultureInfo.InvariantCulture)).Append('.')
              .Append((bytes[i] >> 4).ToString("x", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>The PTR name: <c>…in-addr.arpa</c> or <c>…ip6.arpa</c>.</summary>
    public static string Ptr(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var v4 = address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;
        return Labels(address) + (v4 ? ".in-addr.arpa" : ".ip6.arpa");
    }
}
