using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Net;

namespace MailCheck.Testing.Https;

/// <summary>
/// An <see cref="IConnector"/> that sends connections for a given address and port to a local test server (e.g. the
/// MTA-STS fetch's 203.0.113.10:443 to a <see cref="TestHttpsServer"/> on an ephemeral port); anything else is refused.
/// Records every endpoint asked for, so a test can see the code connected to the exact address it checked.
/// </summary>
public sealed class MappedConnector : IConnector
{
    private readonly ConcurrentDictionary<IPEndPoint, Func<CancellationToken, ValueTask<Stream>>> _routes = new();

    public ConcurrentQueue<IPEndPoint> Attempts { get; } = new();

    /// <summary>Connections to <paramref name="address"/>:<paramref name="port"/> reach <paramref name="target"/>.</summary>
    public MappedConnector Map(IPAddress address, int port, IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _routes[new IPEndPoint(address, port)] = async token =>
        {
            var client = new TcpClient(target.AddressFamily) { NoDelay = true };
            try
            {
                await client.ConnectAsync(target, token);
                return client.GetStream();
            }
            catch
            {
                client.Dispose();
                throw;
            }
        };
        return this;
    }

    /// <summary>Connections to <paramref name="address"/>:<paramref name="port"/> never complete (until cancelled).</summary>
    public MappedConnector Hang(IPAddress address, int port)
    {
        _routes[new IPEndPoint(address, port)] = async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };
        return this;
    }

    public ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Attempts.Enqueue(endpoint);
        return _routes.TryGetValue(endpoint, out var route)
            ? route(cancellationToken)
            : ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
    }
}
