using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Net;

namespace MailCheck.Web.Tests.Safety;

/// <summary>
/// The real TCP connector behind a fence: records every connection the engine asks for and refuses (without touching
/// the network) any address outside loopback, so a broken policy shows up as a recorded attempt, never as traffic.
/// </summary>
public sealed class LoopbackOnlyConnector : IConnector
{
    private readonly TcpConnector _inner = new();

    public ConcurrentQueue<IPEndPoint> Attempts { get; } = new();

    public ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Attempts.Enqueue(endpoint);
        return IPAddress.IsLoopback(endpoint.Address)
            ? _inner.ConnectAsync(endpoint, cancellationToken)
            : throw new SocketException((int)SocketError.AccessDenied);
    }
}
