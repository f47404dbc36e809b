using System.Globalization;
using System.Text;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Smtp;

/// <summary>
/// One SMTP connection: sends commands and reads replies with a per-command timeout, and turns every line into an
/// event. A fault (timeout, drop, protocol error) marks the connection unusable.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private readonly CheckEventSink _sink;
    private readonly SmtpOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _checkToken;

    public SmtpConnection(Stream stream, string host, CheckEventSink sink, SmtpOptions options, TimeProvider timeProvider, CancellationToken checkToken)
    {
        Stream = stream;
        Host = host;
        _sink = sink;
        _options = options;
        _timeProvider = timeProvider;
        _checkToken = checkToken;
        Reader = new SmtpReplyReader(stream, options.MaxReplyLineBytes, options.MaxReplyBytes);
    }

    public string Host { get; }

    public Stream Stream { get; private set; }

    public SmtpReplyReader Reader { get; private set; }

    /// <summary>True once the conversation runs under TLS.</summary>
    public bool Secure { get; private set; }

    /// <summary>False after a timeout, a drop or a protocol error: nothing more should be sent.</summary>
    public bool Usable { get; private set; } = true;

    /// <summary>True while a command was sent and its reply has not been read.</summary>
    public bool AwaitingReply { get; private set; }

    /// <summary>Replaces the stream by its TLS wrapper (after STARTTLS, or from the first byte).</summary>
    public void UseTls(Stream tlsStream)
    {
        Stream = tlsStream;
        Reader = new SmtpReplyReader(tlsStream, _options.MaxReplyLineBytes, _options.MaxReplyBytes);
        Secure = true;
    }

    public void MarkUnusable() => Usable = false;

    /// <summary>Sends one command line; <paramref name="shown"/> replaces it in the transcript (for secrets).</summary>
    public async Task<long> SendAsync(EventKind kind, string command, string? shown = null)
    {
        // Defence in depth: validation keeps CR and LF out of every field; a command line never carries them.
        if (command.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An SMTP command must not contain CR or LF.", nameof(command));
        }

        var bytes = Encoding.UTF8.GetBytes(command + "\r\n");
        _sink.Emit(new CheckEvent
        {
            Seq = 0,
            At = default,
            Elapsed = default,
            Direction = EventDirection.Client,
            Kind = kind,
            Text = shown ?? command,
            Secure = Secure,
            Host = Host,
        });
        var sent = _timeProvider.GetTimestamp();
        await WriteAsync(bytes, FirstWord(shown ?? command)).ConfigureAwait(false);
        AwaitingReply = true;
        return sent;
    }

    /// <summary>Writes raw bytes (the message) under the command timeout.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, string what)
    {
        await GuardAsync(
            async token =>
            {
                await Stream.WriteAsync(bytes, token).ConfigureAwait(false);
                await Stream.FlushAsync(token).ConfigureAwait(false);
                return true;
            },
            $"Could not send {what} within {Seconds(_options.CommandTimeout)}.").ConfigureAwait(false);
    }

    /// <summary>Reads one reply and records it as a server event of <paramref name="kind"/>.</summary>
    public async Task<SmtpReply> ReadReplyAsync(EventKind kind, long sentTimestamp, string what, Func<SmtpReply, CheckEventDetail?>? detail = null)
    {
        var reply = await GuardAsync(Reader.ReadReplyAsync, $"No reply to {what} within {Seconds(_options.CommandTimeout)}.").ConfigureAwait(false);
        AwaitingReply = false;
        EmitReply(kind, reply, _timeProvider.GetElapsedTime(sentTimestamp), detail?.Invoke(reply));
        return reply;
    }

    /// <summary>Sends a command and reads its reply.</summary>
    public async Task<SmtpReply> CommandAsync(EventKind kind, string command, string? shown = null, Func<SmtpReply, CheckEventDetail?>? detail = null)
    {
        var what = FirstWord(shown ?? command);
        var sent = await SendAsync(kind, command, shown).ConfigureAwait(false);
        return await ReadReplyAsync(kind, sent, what, detail).ConfigureAwait(false);
    }

    public CheckEvent EmitReply(EventKind kind, SmtpReply reply, TimeSpan duration, CheckEventDetail? detail = null) =>
        _sink.Emit(new CheckEvent
        {
            Seq = 0,
            At = default,
            Elapsed = default,
            Direction = EventDirection.Server,
            Kind = kind,
            Text = reply.Text,
            Code = reply.Code,
            EnhancedCode = reply.EnhancedCode,
            Explanation = ReplyExplainer.Explain(reply.Code, reply.EnhancedCode),
            Duration = duration,
            Secure = Secure,
            Host = Host,
            Detail = detail,
        });

    /// <summary>
    /// Sends QUIT and waits a little for its reply; never throws. Used at the end and after cancellation.
    /// </summary>
    public async Task QuitQuietlyAsync(TimeSpan wait)
    {
        if (!Usable)
        {
            return;
        }

        using var cts = new CancellationTokenSource(wait, _timeProvider);
        try
        {
            var bytes = "QUIT\r\n"u8.ToArray();
            _sink.Emit(new CheckEvent
            {
                Seq = 0,
                At = default,
                Elapsed = default,
                Direction = EventDirection.Client,
                Kind = EventKind.Quit,
                Text = "QUIT",
                Secure = Secure,
                Host = Host,
            });
            var sent = _timeProvider.GetTimestamp();
            await Stream.WriteAsync(bytes, cts.Token).ConfigureAwait(false);
            await Stream.FlushAsync(cts.Token).ConfigureAwait(false);

            // A reply still pending for an interrupted command comes first; read until QUIT's own reply (221) or two replies.
            for (var i = 0; i < (AwaitingReply ? 2 : 1); i++)
            {
                var reply = await Reader.ReadReplyAsync(cts.Token).ConfigureAwait(false);
                EmitReply(EventKind.Quit, reply, _timeProvider.GetElapsedTime(sent));
                if (reply.Code == 221)
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // QUIT is a courtesy: whatever goes wrong, the check's result stands.
        catch (Exception)
#pragma warning restore CA1031
        {
            _sink.Info(EventKind.Quit, "No reply to QUIT; closing the connection.", host: Host, secure: Secure);
        }
        finally
        {
            Usable = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Usable = false;
        await Stream.DisposeAsync().ConfigureAwait(false);
    }

    internal static string Seconds(TimeSpan t) =>
        t.TotalSeconds >= 1 ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string FirstWord(string command)
    {
        var text = command.StartsWith("MAIL FROM", StringComparison.OrdinalIgnoreCase) ? "MAIL FROM"
            : command.StartsWith("RCPT TO", StringComparison.OrdinalIgnoreCase) ? "RCPT TO"
            : command.Split(' ', 2)[0];
        return text;
    }

    private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> operation, string timeoutMessage)
    {
        using var timer = new CancellationTokenSource(_options.CommandTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _checkToken);
        try
        {
            return await operation(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timer.IsCancellationRequested && !_checkToken.IsCancellationRequested)
        {
            Usable = false;
            throw new TimeoutException(timeoutMessage, ex);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            Usable = false;
            throw;
        }
    }
}
