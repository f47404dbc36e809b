using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// An SMTP server for the latency measures: it holds each session's banner until <see cref="Open"/> (so the watchers
/// are in place first), waits <see cref="ReplyDelay"/> before every reply, marks every reply with a unique token
/// (<c>r17</c>) and records the wall-clock time (Unix ms) at which each reply left it. The app, Chromium and this
/// process read the same clock, so "sent" here and "shown" in a page subtract directly.
/// </summary>
internal sealed class GatedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private readonly ConcurrentDictionary<string, double> _sent = new(StringComparer.Ordinal);
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _token;

    public GatedSmtpServer(IPEndPoint endpoint)
    {
        _listener = new TcpListener(endpoint);
        _listener.Start();
        _accept = AcceptAsync();
    }

    public TimeSpan ReplyDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Reply token ("r17") → when it was sent (Unix ms).</summary>
    public IReadOnlyDictionary<string, double> Sent => _sent;

    /// <summary>Lets held banners go (and every later session's at once).</summary>
    public void Open() => _gate.TrySetResult();

    /// <summary>Holds the banners of the sessions that start from now on.</summary>
    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        socket.NoDelay = true;
        var gate = _gate.Task;
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 4096, leaveOpen: true);
            await gate.WaitAsync(TimeSpan.FromMinutes(5), _stop.Token).ConfigureAwait(false);
            await ReplyAsync(socket, "220 bench-gated.test ESMTP").ConfigureAwait(false);
            while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(socket, "250-bench-gated.test\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES").ConfigureAwait(false);
                        break;
                    case "MAIL":
                        await ReplyAsync(socket, "250 2.1.0 Sender ok").ConfigureAwait(false);
                        break;
                    case "RCPT":
                        await ReplyAsync(socket, "250 2.1.5 Recipient ok").ConfigureAwait(false);
                        break;
                    case "RSET":
                    case "NOOP":
                        await ReplyAsync(socket, "250 2.0.0 Ok").ConfigureAwait(false);
                        break;
                    case "QUIT":
                        await ReplyAsync(socket, "221 2.0.0 Bye").ConfigureAwait(false);
                        return;
                    default:
                        await ReplyAsync(socket, "502 5.5.2 Not here").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // The session ends.
        }
    }

    /// <summary>Waits, then sends the reply with a unique token at the end of its last line, and notes the time.</summary>
    private async Task ReplyAsync(Socket socket, string reply)
    {
        await Task.Delay(ReplyDelay, _stop.Token).ConfigureAwait(false);
        var token = "r" + Interlocked.Increment(ref _token).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.ASCII.GetBytes(reply + " " + token + "\r\n");
        _sent[token] = NowMs(); // noted before the send: the figure includes the send itself
        await socket.SendAsync(bytes, SocketFlags.None, _stop.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Dispose();
        await _accept.ConfigureAwait(false);
        _stop.Dispose();
    }
}
