using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Net;

namespace MailCheck.Testing.Scripted;

/// <summary>
/// An <see cref="IConnector"/> for tests: each address the engine asks for is mapped to a scripted server on
/// loopback, a refusal, or a connection that never completes. Records every endpoint asked for.
/// </summary>
public sealed class ScriptedConnector : IConnector
{
    private readonly ConcurrentDictionary<IPAddress, Func<CancellationToken, ValueTask<Stream>>> _routes = new();

    /// <summary>Every endpoint the engine asked to connect to, in order.</summary>
    public ConcurrentQueue<IPEndPoint> Attempts { get; } = new();

    /// <summary>Wraps every stream handed out (e.g. to inject faults); null leaves them as they are.</summary>
    public Func<Stream, Stream>? WrapStream { get; set; }

    /// <summary>Connections to <paramref name="address"/> reach <paramref name="server"/>.</summary>
    public ScriptedConnector Route(IPAddress address, ScriptedSmtpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _routes[address] = async token =>
        {
            var client = new TcpClient(server.EndPoint.AddressFamily) { NoDelay = true };
            try
            {
                await client.ConnectAsync(server.EndPoint, token);
                var stream = (Stream)client.GetStream();
                return WrapStream is null ? stream : WrapStream(stream);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        };
        return this;
    }

    /// <summary>Connections to <paramref name="address"/> are refused.</summary>
    public ScriptedConnector Refuse(IPAddress address)
    {
        _routes[address] = _ => ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
        return this;
    }

    /// <summary>Connections to <paramref name="address"/> never complete (until cancelled).</summary>
    public ScriptedConnector Hang(IPAddress address)
    {
        _routes[address] = async token =>
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
        return _routes.TryGetValue(endpoint.Address, out var route)
            ? route(cancellationToken)
            : ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
    }
}
