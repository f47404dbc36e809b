using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Logging;

namespace MailCheck.Core.Receive;

/// <summary>
/// One incoming SMTP connection (RFC 5321, server side): banner, EHLO/HELO, STARTTLS (RFC 3207), MAIL, RCPT, DATA,
/// RSET, NOOP, VRFY, HELP, QUIT, with SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), PIPELINING (RFC 2920)
/// and ENHANCEDSTATUSCODES (RFC 2034). Every line it reads and every reply it sends is recorded as it happens, for the
/// check whose address a RCPT TO names. It accepts mail only for a waiting check's address: never relays, forwards,
/// replies or bounces.
/// </summary>
/// <remarks>
/// A hostile peer meets bounded lines, a per-command timeout and a whole-connection timeout (RFC 5321 §4.5.3.2,
/// shortened), a size cap enforced while reading, and 421 after <see cref="ReceiveServerSettings.MaxErrors"/> errors.
/// Replies are written at once, one per command: a pipelining client (RFC 2920 §3.1) gets them in order.
/// </remarks>
internal sealed partial class ReceiveSession
{
    private readonly Stream _network;
    private readonly IPEndPoint _remote;
    private readonly IPEndPoint _local;
    private readonly ReceiveServerSettings _settings;
    private readonly IReceiveMailboxes _mailboxes;
    private readonly ReceiveJudgement _judgement;
    private readonly IDnsQuerier _dns;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SessionTranscript _transcript;
    private Stream _stream;
    private SmtpInputReader _reader;
    private bool _secure;
    private string? _tlsProtocol;
    private string? _tlsCipher;
    private string? _heloVerb;
    private string? _heloName;
    private Transaction? _transaction;
    private int _errors;
    private bool _pipelined;
    private bool _closing;
    private long _commandArrived;

    public ReceiveSession(
        Stream network,
        IPEndPoint remote,
        IPEndPoint local,
        ReceiveServerSettings settings,
        IReceiveMailboxes mailboxes,
        ReceiveJudgement judgement,
        IDnsQuerier dns,
        TimeProvider time,
        ILogger logger)
    {
        _network = network;
        _stream = network;
        _remote = Canonical(remote);
        _local = local;
        _settings = settings;
        _mailboxes = mailboxes;
        _judgement = judgement;
        _dns = dns;
        _time = time;
        _logger = logger;
        _reader = new SmtpInputReader(network, settings.Options.CommandTimeout, time);
        _transcript = new SessionTranscript(time.GetUtcNow);
    }

    private string Host => _settings.HostName;

    private ReceiveOptions Options => _settings.Options;

    /// <summary>Serves the connection until QUIT, a timeout, too many errors, the peer leaving, or <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var lifetime = new CancellationTokenSource(Options.SessionTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, stop);
        var token = linked.Token;
        string? ending = null;
        try
        {
            await GreetAsync(token).ConfigureAwait(false);
            while (!_closing)
            {
                await ServeCommandAsync(token).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            ending = "timeout";
            Problem($"No complete command within {SmtpConnection.Seconds(Options.CommandTimeout)} (MailCheck:Receive:CommandTimeout; RFC 5321 §4.5.3.2.7): MailCheck closes the connection.");
            await TryReplyAsync(EventKind.Error, 421, "4.4.2", $"{Host} Error: timeout exceeded").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            ending = "session time limit";
            Problem($"The connection lasted {SmtpConnection.Seconds(Options.SessionTimeout)}, as long as MailCheck allows one (MailCheck:Receive:SessionTimeout): MailCheck closes it.");
            await TryReplyAsync(EventKind.Error, 421, "4.4.2", $"{Host} Error: connection time limit exceeded").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            ending = "shutdown";
            Problem("MailCheck is shutting down: it closes the connection (421, the sender will try again later).");
            await TryReplyAsync(EventKind.Error, 421, "4.3.2", $"{Host} Service shutting down, try again later").ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            ending = "closed";
            Problem("The sender closed the connection without QUIT.");
        }
        catch (IOException ex)
        {
            ending = "reset";
            Problem($"The connection was closed or reset ({ex.InnerException?.Message ?? ex.Message}).");
        }
        finally
        {
            await EndTransactionAsync(ending is null ? "the connection ended" : DescribeEnding(ending)).ConfigureAwait(false);
            _transcript.Detach();
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string DescribeEnding(string ending) => ending switch
    {
        "timeout" => "the sender went quiet and MailCheck closed the connection",
        "session time limit" => "the connection reached its time limit",
        "shutdown" => "MailCheck was shutting down",
        "closed" => "the sender closed the connection",
        _ => "the connection was lost",
    };

    private async Task GreetAsync(CancellationToken token)
    {
        var names = await ReverseNamesAsync(token).ConfigureAwait(false);
        var ptr = names.Count == 0 ? "no reverse DNS" : $"reverse DNS {string.Join(", ", names)}";
        _transcript.Emit(Note(
            EventKind.Connect,
            $"Connection from {_remote.Address} port {_remote.Port} ({ptr}) to {_local.Address}:{_local.Port}",
            new IncomingConnectionDetail(_remote.Address.ToString(), _remote.Port, _local.Address.ToString(), _local.Port, names)));
        _commandArrived = _time.GetTimestamp();
        await ReplyAsync(EventKind.Banner, 220, null, $"{Host} ESMTP MailCheck receive").ConfigureAwait(false);
    }

    /// <summary>The PTR names of the peer, for the connection line (the verdicts look again, with forward confirmation).</summary>
    private async Task<IReadOnlyList<string>> ReverseNamesAsync(CancellationToken token)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
        bounded.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var answer = await _dns.QueryAsync(ReverseName.Ptr(_remote.Address), DnsRecordType.PTR, bounded.Token).ConfigureAwait(false);
            return [.. answer.Records.Select(r => r.Target ?? "").Where(t => t.Length > 0).Select(t => t.TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase).Take(3)];
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return [];
        }
    }

    private async Task ServeCommandAsync(CancellationToken token)
    {
        var waited = _time.GetTimestamp();
        var line = await _reader.ReadLineAsync(ReceiveServerSettings.MaxCommandLineBytes, token).ConfigureAwait(false)
            ?? throw new EndOfStreamException();
        _commandArrived = _time.GetTimestamp();
        var duration = _time.GetElapsedTime(waited);
        if (line.Unterminated)
        {
            _transcript.Emit(Command(EventKind.Command, line.Text, duration));
            throw new EndOfStreamException();
        }

        // Commands that arrive before the reply to the previous one: the client pipelines (RFC 2920).
        if (_reader.Buffered > 0)
        {
            _pipelined = true;
        }

        var text = line.Text;
        var verb = Verb(text);
        var kind = KindOf(verb);
        if (kind == EventKind.Mail && _transaction is null)
        {
            // The MAIL line is the first of a transaction: it goes with the check its RCPT TO will name.
            _transcript.BeginTransaction();
        }

        _transcript.Emit(Command(kind, line.TooLong ? text + " …" : text, duration));
        if (line.TooLong)
        {
            await ErrorAsync(kind, 500, "5.5.2", $"Error: line too long (MailCheck reads command lines of at most {ReceiveServerSettings.MaxCommandLineBytes} octets; RFC 5321 §4.5.3.1.4)").ConfigureAwait(false);
            return;
        }

        if (!line.IsClean)
        {
            await ErrorAsync(kind, 500, "5.5.2", "Error: the command contains a control character or bytes that are not UTF-8").ConfigureAwait(false);
            return;
        }

        var argument = text.Length > verb.Length ? text[verb.Length..].TrimStart(' ') : "";
        switch (verb.ToUpperInvariant())
        {
            case "EHLO":
            case "HELO":
                await HeloAsync(verb.ToUpperInvariant(), argument).ConfigureAwait(false);
                break;
            case "STARTTLS":
                await StartTlsAsync(argument, token).ConfigureAwait(false);
                break;
            case "MAIL":
                await MailAsync(argument).ConfigureAwait(false);
                break;
            case "RCPT":
                await RcptAsync(argument, token).ConfigureAwait(false);
                break;
            case "DATA":
                await DataAsync(argument, token).ConfigureAwait(false);
                break;
            case "BDAT":
                await ErrorAsync(kind, 502, "5.5.1", "Error: BDAT is not offered here (no CHUNKING); use DATA").ConfigureAwait(false);
                break;
            case "RSET":
                await EndTransactionAsync("the sender reset it (RSET)").ConfigureAwait(false);
                await ReplyAsync(kind, 250, "2.0.0", "Ok").ConfigureAwait(false);
                break;
            case "NOOP":
                await ReplyAsync(kind, 250, "2.0.0", "Ok").ConfigureAwait(false);
                break;
            case "VRFY":
                // RFC 5321 §3.5.3: 252 says "cannot verify, but will take the message": true of a check's address only.
                await ReplyAsync(kind, 252, "2.5.0", "Cannot VRFY user; send the message and MailCheck will judge it").ConfigureAwait(false);
                break;
            case "EXPN":
                await ErrorAsync(kind, 502, "5.5.1", "Error: EXPN is not offered here").ConfigureAwait(false);
                break;
            case "HELP":
                await ReplyAsync(kind, 214, "2.0.0", "MailCheck receive: send one message to the address a receive check gave you, and watch it being judged").ConfigureAwait(false);
                break;
            case "AUTH":
                await ErrorAsync(kind, 502, "5.5.1", "Error: AUTH is not offered here: MailCheck relays nothing, so there is nothing to log in to").ConfigureAwait(false);
                break;
            case "QUIT":
                await ReplyAsync(kind, 221, "2.0.0", $"{Host} Bye").ConfigureAwait(false);
                _closing = true;
                break;
            default:
                await ErrorAsync(kind, 500, "5.5.2", "Error: command not recognized").ConfigureAwait(false);
                break;
        }
    }

    private async Task HeloAsync(string verb, string argument)
    {
        var kind = verb == "EHLO" ? EventKind.Ehlo : EventKind.Helo;
        var name = argument.Split(' ', 2)[0];
        if (name.Length == 0)
        {
            await ErrorAsync(kind, 501, "5.5.4", $"Syntax: {verb} hostname (RFC 5321 §4.1.1.1)").ConfigureAwait(false);
            return;
        }

        // EHLO resets the state as RSET does (RFC 5321 §4.1.4).
        await EndTransactionAsync($"the sender began again with {verb}").ConfigureAwait(false);
        _heloVerb = verb;
        _heloName = name;
        var greeting = $"{Host} greets {name} [{_remote.Address}]";
        if (verb == "HELO")
        {
            await ReplyAsync(kind, 250, null, greeting).ConfigureAwait(false);
            return;
        }

        var lines = new List<string> { greeting, $"SIZE {_settings.SizeText}", "8BITMIME", "SMTPUTF8", "PIPELINING", "ENHANCEDSTATUSCODES" };
        if (_settings.Certificate is not null && !_secure)
        {
            lines.Add("STARTTLS");
        }

        lines.Add("HELP");
        await ReplyLinesAsync(kind, 250, null, lines).ConfigureAwait(false);
    }

    private async Task StartTlsAsync(string argument, CancellationToken token)
    {
        if (argument.Length > 0)
        {
            await ErrorAsync(EventKind.StartTls, 501, "5.5.4", "Syntax: STARTTLS takes no argument (RFC 3207 §4)").ConfigureAwait(false);
            return;
        }

        if (_secure)
        {
            await ErrorAsync(EventKind.StartTls, 503, "5.5.1", "Error: TLS is already active (RFC 3207 §4.2)").ConfigureAwait(false);
            return;
        }

        if (_settings.Certificate is null)
        {
            await ErrorAsync(EventKind.StartTls, 502, "5.5.1", "Error: STARTTLS is not offered here").ConfigureAwait(false);
            return;
        }

        if (_heloName is null || _heloVerb != "EHLO")
        {
            await ErrorAsync(EventKind.StartTls, 503, "5.5.1", "Error: send EHLO first (RFC 3207 §4)").ConfigureAwait(false);
            return;
        }

        await ReplyAsync(EventKind.StartTls, 220, "2.0.0", "Ready to start TLS").ConfigureAwait(false);
        var injected = _reader.DiscardBuffered();
        if (injected > 0)
        {
            Problem($"The sender sent {injected} bytes after STARTTLS, before the TLS handshake: MailCheck discards them (commands injected there would be taken as if sent under TLS — CVE-2011-0411; RFC 3207 §4.2).");
        }

        var ssl = new SslStream(_network, leaveInnerStreamOpen: false);
        var started = _time.GetTimestamp();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(token);
        timer.CancelAfter(Options.CommandTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = _settings.Certificate.Context,
                    ClientCertificateRequired = false,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                },
                timer.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException
            || (ex is OperationCanceledException && !token.IsCancellationRequested))
        {
            var why = ex is OperationCanceledException ? $"it did not finish within {SmtpConnection.Seconds(Options.CommandTimeout)}" : ex.InnerException?.Message ?? ex.Message;
            _transcript.Emit(Note(EventKind.Error, $"TLS handshake failed: {why}. MailCheck closes the connection; a sending server usually tries again without TLS.", new TlsDetail { Succeeded = false, Error = why }));
            _closing = true;
            await ssl.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _stream = ssl;
        _reader = new SmtpInputReader(ssl, Options.CommandTimeout, _time);
        _secure = true;
        _tlsProtocol = TlsNegotiator.ProtocolName(ssl.SslProtocol);
        _tlsCipher = ssl.NegotiatedCipherSuite.ToString();
        var certificate = _settings.Certificate.Certificate;
        _transcript.Emit(Note(
            EventKind.Tls,
            $"TLS established: {_tlsProtocol}, {_tlsCipher} (MailCheck's certificate {certificate.Subject}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})",
            new TlsDetail
            {
                Succeeded = true,
                Protocol = _tlsProtocol,
                CipherSuite = _tlsCipher,
                Subject = certificate.Subject,
                Issuer = certificate.Issuer,
                NotBefore = certificate.NotBefore.ToUniversalTime(),
                NotAfter = certificate.NotAfter.ToUniversalTime(),
            },
            _time.GetElapsedTime(started),
            secure: true));

        // RFC 3207 §4.2: everything learnt before TLS is forgotten; the client must say EHLO again.
        await EndTransactionAsync("the sender started TLS").ConfigureAwait(false);
        _heloName = null;
        _heloVerb = null;
    }

    private async Task ErrorAsync(EventKind kind, int code, string enhanced, string text)
    {
        await ReplyAsync(kind, code, enhanced, text).ConfigureAwait(false);
    }

    private Task ReplyAsync(EventKind kind, int code, string? enhanced, string text) => ReplyLinesAsync(kind, code, enhanced, [text]);

    /// <summary>Sends a reply (enhanced code only after EHLO, RFC 2034 §3), records it, counts errors.</summary>
    private async Task ReplyLinesAsync(EventKind kind, int code, string? enhanced, List<string> texts)
    {
        var useEnhanced = enhanced is not null && _heloVerb == "EHLO";
        var lines = new List<string>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var prefix = i == 0 && useEnhanced ? enhanced + " " : "";
            lines.Add($"{code.ToString(CultureInfo.InvariantCulture)}{(i == texts.Count - 1 ? ' ' : '-')}{prefix}{texts[i]}");
        }

        var wire = Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
        var reply = new SmtpReply(code, lines, useEnhanced ? enhanced : null);
        _transcript.Emit(new CheckEvent
        {
            Seq = 0,
            At = default,
            Elapsed = default,
            Direction = EventDirection.Server,
            Kind = kind,
            Text = reply.Text,
            Code = code,
            EnhancedCode = reply.EnhancedCode,
            Explanation = ReplyExplainer.Explain(code, enhanced),
            Duration = _time.GetElapsedTime(_commandArrived),
            Secure = _secure,
        });
        using var timer = new CancellationTokenSource(Options.CommandTimeout, _time);
        try
        {
            await _stream.WriteAsync(wire, timer.Token).ConfigureAwait(false);
            await _stream.FlushAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            throw new TimeoutException("The reply could not be sent.");
        }

        if (code >= 400 && code != 421 && ++_errors >= ReceiveServerSettings.MaxErrors)
        {
            Problem($"{ReceiveServerSettings.MaxErrors} errors in this connection: MailCheck stops reading commands and closes it.");
            await TryReplyAsync(EventKind.Error, 421, "4.7.0", $"{Host} Error: too many errors").ConfigureAwait(false);
            _closing = true;
        }
    }

    /// <summary>A last reply before closing; the peer may be gone already.</summary>
    private async Task TryReplyAsync(EventKind kind, int code, string enhanced, string text)
    {
        try
        {
            await ReplyAsync(kind, code, enhanced, text).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or ObjectDisposedException or NotSupportedException)
        {
            // The connection is gone: nothing more to say.
        }
    }

    private CheckEvent Command(EventKind kind, string text, TimeSpan duration) => new()
    {
        Seq = 0,
        At = default,
        Elapsed = default,
        Direction = EventDirection.Client,
        Kind = kind,
        Text = text,
        Duration = duration,
        Secure = _secure,
    };

    private CheckEvent Note(EventKind kind, string text, CheckEventDetail? detail = null, TimeSpan? duration = null, bool secure = false, string? explanation = null) => new()
    {
        Seq = 0,
        At = default,
        Elapsed = default,
        Direction = EventDirection.Info,
        Kind = kind,
        Text = text,
        Detail = detail,
        Duration = duration,
        Secure = secure || _secure,
        Explanation = explanation,
    };

    private void Problem(string text) => _transcript.Emit(Note(EventKind.Error, text));

    private static string Verb(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? line : line[..space];
    }

    private static EventKind KindOf(string verb) => verb.ToUpperInvariant() switch
    {
        "EHLO" => EventKind.Ehlo,
        "HELO" => EventKind.Helo,
        "STARTTLS" => EventKind.StartTls,
        "AUTH" => EventKind.Auth,
        "MAIL" => EventKind.Mail,
        "RCPT" => EventKind.Rcpt,
        "DATA" or "BDAT" => EventKind.Data,
        "RSET" => EventKind.Rset,
        "QUIT" => EventKind.Quit,
        _ => EventKind.Command,
    };

    private static IPEndPoint Canonical(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Receive check {CheckId}: message {QueueId} of {Size} bytes from {RemoteAddress}")]
    private static partial void LogReceived(ILogger logger, string checkId, string queueId, long size, string remoteAddress);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Receive check {CheckId}: the store failed while holding or releasing it")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string checkId);
}
