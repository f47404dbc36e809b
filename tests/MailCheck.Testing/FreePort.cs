using System.Net;
using System.Net.Sockets;

namespace MailCheck.Testing;

/// <summary>Finds free ports on loopback addresses for in-process servers.</summary>
/// <remarks>
/// The port is free when returned; another process could take it before it is bound again. Prefer binding to port 0
/// directly (every fixture here does) and use this only when a port must be known before a server starts.
/// </remarks>
public static class FreePort
{
    /// <summary>A TCP port free on <paramref name="address"/> (default 127.0.0.1).</summary>
    public static int Tcp(IPAddress? address = null)
    {
        var ip = address ?? IPAddress.Loopback;
        using var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(ip, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>A port free for both TCP and UDP on <paramref name="address"/> (default 127.0.0.1).</summary>
    public static int TcpAndUdp(IPAddress? address = null)
    {
        var ip = address ?? IPAddress.Loopback;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(ip, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(ip, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for TCP: try another.
            }
        }

        throw new InvalidOperationException($"No port free for both TCP and UDP on {ip} after 50 attempts.");
    }
}
