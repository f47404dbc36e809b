using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MailCheck.Testing.Scripted;

/// <summary>
/// A loopback TCP server that runs a script for each connection, in the spirit of MailKit's SmtpReplayStream but
/// over a real socket (so TLS works). Listens on 127.0.0.1 (or another loopback address) on a free port.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<ScriptedConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ScriptedConnection> _connections = new();
    private readonly ConcurrentBag<Task> _tasks = [];
    private readonly Task _acceptLoop;

    private ScriptedSmtpServer(IPAddress address, int port, Func<ScriptedConnection, Task> script)
    {
        _script = script;
        _listener = new TcpListener(address, port);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Every connection accepted so far.</summary>
    public IReadOnlyList<ScriptedConnection> Connections => [.. _connections];

    /// <summary>Faults thrown by scripts (other than the client going away).</summary>
    public ConcurrentQueue<Exception> ScriptErrors { get; } = new();

    /// <summary>Starts a server running <paramref name="script"/> for each connection (on a free port unless <paramref name="port"/> is given).</summary>
    public static ScriptedSmtpServer Start(Func<ScriptedConnection, Task> script, IPAddress? address = null, int port = 0) =>
        new(address ?? IPAddress.Loopback, port, script);

    /// <summary>Starts a server holding a standard dialogue (see <see cref="SmtpDialogue"/>).</summary>
    public static ScriptedSmtpServer Start(SmtpDialogue dialogue, IPAddress? address = null, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(dialogue);
        return Start(dialogue.RunAsync, address, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var c in _connections)
        {
            c.Close();
        }

        var all = Task.WhenAll([_acceptLoop, .. _tasks]);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = new ScriptedConnection(client, _stop.Token);
            _connections.Enqueue(connection);
            _tasks.Add(RunScriptAsync(connection));
        }
    }

    private async Task RunScriptAsync(ScriptedConnection connection)
    {
        try
        {
            await _script(connection);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away or the server stopped.
        }
        catch (Exception ex)
        {
            ScriptErrors.Enqueue(ex);
        }
        finally
        {
            connection.Close();
        }
    }
}
