using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.EndToEnd.Rig;

/// <summary>
/// A scripted SMTP server that accepts everything but waits <see cref="ReplyDelay"/> before each reply, so the
/// transcript visibly streams. slow.test's MX (mx.slow.test) points at its address. Each session's commands are
/// recorded for assertions.
/// </summary>
public sealed class SlowSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<IReadOnlyList<string>> _sessions = new();
    private readonly Task _acceptLoop;
    private long _replyDelayTicks = TimeSpan.FromMilliseconds(700).Ticks;

    private SlowSmtpServer(TcpListener listener)
    {
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>How long the server waits before each reply (banner included).</summary>
    public TimeSpan ReplyDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _replyDelayTicks));
        set => Interlocked.Exchange(ref _replyDelayTicks, value.Ticks);
    }

    /// <summary>The commands of every finished session, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Sessions => [.. _sessions];

    /// <summary>Starts listening on "address:port" (binding port 25 needs root, as ./test.sh runs in CI).</summary>
    public static SlowSmtpServer Start(string endpoint)
    {
        var ep = IPEndPoint.Parse(endpoint);
        var listener = new TcpListener(ep);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new InvalidOperationException(
                $"The slow SMTP server could not listen on {endpoint} ({ex.SocketErrorCode}). Port 25 needs root; " +
                "is another rig running?", ex);
        }

        return new SlowSmtpServer(listener);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var commands = new List<string>();
        try
        {
            using (client)
            await using (var stream = client.GetStream())
            using (var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true))
            await using (var writer = new StreamWriter(stream, Encoding.ASCII, 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true })
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromMinutes(2));
                var token = timeout.Token;

                await ReplyAsync(writer, "220 mx.slow.test ESMTP slow scripted server", token);
                while (await reader.ReadLineAsync(token) is { } line)
                {
                    commands.Add(line);
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await ReplyAsync(writer, "250-mx.slow.test greets you\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES", token);
                            break;
                        case "HELO":
                            await ReplyAsync(writer, "250 mx.slow.test", token);
                            break;
                        case "MAIL":
                            await ReplyAsync(writer, "250 2.1.0 Sender ok", token);
                            break;
                        case "RCPT":
                            await ReplyAsync(writer, "250 2.1.5 Recipient ok", token);
                            break;
                        case "DATA":
                            await ReplyAsync(writer, "354 End data with <CR><LF>.<CR><LF>", token);
                            while (await reader.ReadLineAsync(token) is { } data && data != ".")
                            {
                            }

                            commands.Add("<message>");
                            await ReplyAsync(writer, "250 2.0.0 Ok: queued as SLOW1", token);
                            break;
                        case "RSET":
                        case "NOOP":
                            await ReplyAsync(writer, "250 2.0.0 Ok", token);
                            break;
                        case "QUIT":
                            await ReplyAsync(writer, "221 2.0.0 Bye", token);
                            return;
                        default:
                            await ReplyAsync(writer, "502 5.5.2 Command not recognized", token);
                            break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: the session ends here.
        }
        finally
        {
            _sessions.Enqueue(commands);
        }
    }

    private async Task ReplyAsync(StreamWriter writer, string reply, CancellationToken cancellationToken)
    {
        await Task.Delay(ReplyDelay, cancellationToken);
        await writer.WriteLineAsync(reply.AsMemory(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        await _acceptLoop;
        _stop.Dispose();
    }
}
