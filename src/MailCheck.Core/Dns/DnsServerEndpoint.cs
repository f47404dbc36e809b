using System.Globalization;
using System.Net;

namespace MailCheck.Core.Dns;

/// <summary>Parses the entries of <see cref="DnsOptions.Servers"/>: <c>127.0.0.1</c>, <c>127.0.0.1:5353</c>, <c>::1</c>, <c>[::1]:53</c>.</summary>
public static class DnsServerEndpoint
{
    public const int DefaultPort = 53;

    /// <summary>Parses one server entry; the host must be an IP address (DNS servers are not looked up by name).</summary>
    /// <exception cref="FormatException">The entry is not an IP address with an optional port 1-65535.</exception>
    public static IPEndPoint Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var endpoint, out var error) ? endpoint : throw new FormatException(error);
    }

    /// <summary>Parses one server entry, explaining what is wrong when it cannot.</summary>
    public static bool TryParse(string? value, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.None, DefaultPort);
        var text = (value ?? "").Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close != text.Length - 1 && text[close + 1] != ':'))
            {
                error = $"DNS server '{text}' is not valid: write an IPv6 address with a port as [::1]:53.";
                return false;
            }

            host = text[1..close];
            port = close == text.Length - 1 ? null : text[(close + 2)..];
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        else
        {
            host = text;
        }

        if (!IPAddress.TryParse(host, out var address) || host.Contains('%', StringComparison.Ordinal))
        {
            error = $"DNS server '{text}' is not valid: give an IP address, optionally with a port (127.0.0.1:5353, [::1]:53).";
            return false;
        }

        var portNumber = DefaultPort;
        if (port is not null
            && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            error = $"DNS server '{text}' has an invalid port: give a number from 1 to 65535.";
            return false;
        }

        endpoint = new IPEndPoint(address, portNumber);
        error = "";
        return true;
    }
}
