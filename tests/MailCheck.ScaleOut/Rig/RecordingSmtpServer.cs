using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.ScaleOut.Rig;

/// <summary>
/// A slow SMTP server that records every session: it waits <see cref="ReplyDelay"/> before each reply (so a check
/// is still running when a test kills its instance), accepts AUTH PLAIN/LOGIN, and writes one log line per command
/// (its own "maillog", <see cref="LogPath"/>). The log and <see cref="Sessions"/> are the proof of how often a
/// message was sent.
/// </summary>
public sealed class RecordingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpSessionRecord> _sessions = new();
    private readonly Lock _logLock = new();
    private readonly Task _acceptLoop;
    private long _replyDelayTicks = TimeSpan.FromMilliseconds(400).Ticks;
    private volatile TaskCompletionSource _dataGate = Open();
    private int _sessionCount;

    private RecordingSmtpServer(TcpListener listener, string logPath)
    {
        _listener = listener;
        LogPath = logPath;
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public TimeSpan ReplyDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _replyDelayTicks));
        set => Interlocked.Exchange(ref _replyDelayTicks, value.Ticks);
    }

    public string LogPath { get; }

    /// <summary>
    /// Until the returned handle is disposed, every session waits before answering DATA: a check stays running at a
    /// known step for as long as a test needs (bounded by MailCheck's own command timeout).
    /// </summary>
    public IDisposable HoldDataReplies()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _dataGate = gate;
        return new Release(gate);
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    /// <summary>Every session so far (open ones included), in the order they began.</summary>
    public IReadOnlyList<SmtpSessionRecord> Sessions => [.. _sessions];

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static RecordingSmtpServer Start(string endpoint, string logPath)
    {
        var listener = new TcpListener(IPEndPoint.Parse(endpoint));
        listener.Start();
        return new RecordingSmtpServer(listener, logPath);
    }

    /// <summary>The sessions that named <paramref name="recipient"/> in RCPT TO.</summary>
    public IReadOnlyList<SmtpSessionRecord> SessionsFor(string recipient) =>
        Sessions.Where(s => s.Recipients.Any(r => r.Contains(recipient, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The log lines that mention <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LogLines(string text)
    {
        lock (_logLock)
        {
            return File.Exists(LogPath) ? File.ReadLines(LogPath).Where(l => l.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList() : [];
        }
    }

    private void Log(int session, string line)
    {
        lock (_logLock)
        {
            File.AppendAllText(LogPath, string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} session={session} {line}\n"));
        }
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

            var record = new SmtpSessionRecord(Interlocked.Increment(ref _sessionCount));
            _sessions.Enqueue(record);
            _ = Task.Run(() => ServeAsync(client, record, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, SmtpSessionRecord record, CancellationToken cancellationToken)
    {
        Log(record.Number, "connect");
        try
        {
            using (client)
            await using (var stream = client.GetStream())
            using (var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true))
            await using (var writer = new StreamWriter(stream, Encoding.ASCII, 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true })
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromMinutes(3));
                var token = timeout.Token;
                await ReplyAsync(writer, "220 mx.scale.test ESMTP recording server", token);
                while (await reader.ReadLineAsync(token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    Log(record.Number, verb == "AUTH" ? "AUTH ****" : line);
                    switch (verb)
                    {
                        case "EHLO":
                            await ReplyAsync(writer, "250-mx.scale.test\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES", token);
                            break;
                        case "HELO":
                            await ReplyAsync(writer, "250 mx.scale.test", token);
                            break;
                        case "AUTH":
                            record.Authenticated = true;
                            if (line.Split(' ').Length < 3)
                            {
                                // LOGIN (or PLAIN without initial response): two prompts at most.
                                await ReplyAsync(writer, "334 VXNlcm5hbWU6", token);
                                if (await reader.ReadLineAsync(token) is null)
                                {
                                    return;
                                }

                                if (line.Contains("LOGIN", StringComparison.OrdinalIgnoreCase))
                                {
                                    await ReplyAsync(writer, "334 UGFzc3dvcmQ6", token);
                                    if (await reader.ReadLineAsync(token) is null)
                                    {
                                        return;
                                    }
                                }
                            }

                            await ReplyAsync(writer, "235 2.7.0 Authentication successful", token);
                            break;
                        case "MAIL":
                            await ReplyAsync(writer, "250 2.1.0 Sender ok", token);
                            break;
                        case "RCPT":
                            record.Recipients.Add(line);
                            await ReplyAsync(writer, "250 2.1.5 Recipient ok", token);
                            break;
                        case "DATA":
                            record.DataCommands++;
                            await _dataGate.Task.WaitAsync(token);
                            await ReplyAsync(writer, "354 End data with <CR><LF>.<CR><LF>", token);
                            var message = new StringBuilder();
                            while (await reader.ReadLineAsync(token) is { } data && data != ".")
                            {
                                message.Append(data).Append('\n');
                            }

                            record.Messages.Add(message.ToString());
                            Log(record.Number, $"message received ({message.Length} bytes) {HeaderLine(message.ToString(), "X-MailCheck-Check")}");
                            await ReplyAsync(writer, "250 2.0.0 Ok: queued as SCALE" + record.Number.ToString(CultureInfo.InvariantCulture), token);
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
            // The client went away (perhaps killed) or the server is stopping.
        }
        finally
        {
            record.Closed = true;
            Log(record.Number, "disconnect");
        }
    }

    private static string HeaderLine(string message, string name) =>
        message.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?.Trim() ?? "";

    private async Task ReplyAsync(StreamWriter writer, string reply, CancellationToken cancellationToken)
    {
        await Task.Delay(ReplyDelay, cancellationToken);
        await writer.WriteLineAsync(reply.AsMemory(), cancellationToken);
    }

    private sealed class Release(TaskCompletionSource gate) : IDisposable
    {
        public void Dispose() => gate.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _dataGate.TrySetResult();
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        await _acceptLoop;
        _stop.Dispose();
    }
}
