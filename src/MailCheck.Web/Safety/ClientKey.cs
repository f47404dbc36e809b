using System.Globalization;
using System.Net;

namespace MailCheck.Web.Safety;

/// <summary>
/// The key a client is counted under: its IPv4 address, or the /64 network of its IPv6 address (one subscriber
/// usually holds a whole /64, so counting single IPv6 addresses would let anyone step around the limit).
/// IPv4-mapped IPv6 addresses count as their IPv4 address. No address at all shares one "unknown" key.
/// </summary>
public static class ClientKey
{
    public const string Unknown = "unknown";

    public static string Of(string? clientIp)
    {
        if (string.IsNullOrWhiteSpace(clientIp) || !IPAddress.TryParse(clientIp.Trim(), out var address))
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/64");
    }
}
