using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;

namespace MailCheck.Core.Smtp;

/// <summary>Connection attempts: every address of every MX in order, until one greets.</summary>
public sealed partial class SmtpStage
{
    /// <summary>
    /// Most TCP connections one check opens (Postfix's smtp_mx_address_limit is 5). A domain's DNS is chosen by
    /// whoever submits it: without a cap, one request naming a domain with many MX hosts and many addresses would
    /// make MailCheck knock on hundreds of hosts, a port scan by proxy.
    /// </summary>
    public const int MaxConnectionAttempts = 10;

    internal async Task<CheckResult> ConnectAndConverseAsync(SessionPlan plan, IReadOnlyList<MxHost> hosts, CheckEventSink sink, CheckProgress progress, CancellationToken checkToken)
    {
        var port = plan.Request.Port;
        var tally = new AttemptTally();
        var index = 0;
        foreach (var host in hosts)
        {
            if (host.Addresses.Count == 0)
            {
                sink.Info(EventKind.Connect, $"{host.Host} has no address{(host.Error is null ? "" : ": " + host.Error)}; skipping it.", host: host.Host);
                continue;
            }

            foreach (var resolved in host.Addresses)
            {
                if (!IPAddress.TryParse(resolved.Address, out var ip))
                {
                    sink.Info(EventKind.Connect, $"{host.Host}: \"{resolved.Address}\" is not an IP address; skipping it.", host: host.Host);
                    continue;
                }

                checkToken.ThrowIfCancellationRequested();
                var targetSink = sink.ForTarget(new EventTarget(++index, host.Host, ip.ToString(), port));
                var decision = _policy.Evaluate(ip, port);
                if (!decision.Allowed)
                {
                    tally.Blocked++;
                    tally.BlockReason ??= decision.Reason;
                    progress.Step = EventKind.Policy;
                    Blocked(targetSink, decision);
                    continue;
                }

                if (tally.Attempts >= MaxConnectionAttempts)
                {
                    sink.Info(
                        EventKind.Connect,
                        $"Not trying {host.Host} [{ip}] or any later address: MailCheck opens at most {MaxConnectionAttempts} connections per check.",
                        host: host.Host);
                    return NothingConnected(plan, tally);
                }

                var target = plan with { Host = host.Host, Address = ip.ToString() };
                var attempt = await AttemptAsync(target, ip, targetSink, progress, tally, checkToken).ConfigureAwait(false);
                if (attempt is { Outcome: CheckOutcome.TlsFailed, Step: EventKind.Tls } && plan.Request.Tls == TlsPolicy.Opportunistic)
                {
                    attempt = await RetryWithoutTlsAsync(target, ip, attempt, targetSink, progress, tally, checkToken).ConfigureAwait(false);
                }

                if (attempt is not null)
                {
                    return attempt;
                }
            }
        }

        return NothingConnected(plan, tally);
    }

    /// <summary>
    /// Opportunistic TLS whose handshake failed: a sending server would connect again and deliver in plain text
    /// (RFC 3207 §4.1 leaves it to the client; Postfix does this), so MailCheck does the same, once, to the same
    /// address, and says so. The failed handshake stays in the transcript; when the plain attempt does not get
    /// through either, the TLS failure is the result.
    /// </summary>
    private async Task<CheckResult> RetryWithoutTlsAsync(SessionPlan target, IPAddress ip, CheckResult tlsFailure, CheckEventSink sink, CheckProgress progress, AttemptTally tally, CancellationToken checkToken)
    {
        sink.Info(
            EventKind.Tls,
            $"The TLS handshake with {target.Host} failed; as a sending server would under opportunistic TLS, MailCheck connects again without STARTTLS.",
            host: target.Host,
            explanation: "Opportunistic TLS falls back to plain text when TLS cannot be established; choose the TLS policy 'required' to fail instead.");
        var plain = target with { Request = target.Request with { Tls = TlsPolicy.None } };
        var retry = await AttemptAsync(plain, ip, sink, progress, tally, checkToken).ConfigureAwait(false);
        return retry is null
            ? tlsFailure
            : retry with { Summary = $"{retry.Summary} (without TLS: the TLS handshake with {target.Host} failed)" };
    }

    private static CheckResult NothingConnected(SessionPlan plan, AttemptTally tally)
    {
        var domain = plan.Request.Domain;
        if (tally.Attempts == 0 && tally.Blocked > 0)
        {
            return new CheckResult
            {
                Outcome = CheckOutcome.Blocked,
                Summary = $"Blocked: the safety policy refused every address of {domain}'s mail servers ({tally.BlockReason})",
                Step = EventKind.Policy,
            };
        }

        if (tally.BestFailover is not null)
        {
            return tally.BestFailover;
        }

        var why = tally.Attempts == 0
            ? "no mail server has an address"
            : tally.Attempts == tally.TimedOut
                ? $"every connection attempt timed out — outbound port {plan.Request.Port} may be blocked where MailCheck runs"
                : $"{tally.Attempts} connection attempt(s) failed ({tally.LastError})";
        return new CheckResult
        {
            Outcome = CheckOutcome.Unreachable,
            Summary = $"Unreachable: could not connect to any mail server of {domain}: {why}",
            Step = EventKind.Connect,
        };
    }

    /// <summary>A safety-policy refusal, as a problem line of the target.</summary>
    private static void Blocked(CheckEventSink sink, TargetDecision decision)
    {
        var target = sink.Target!;
        sink.Info(EventKind.Policy, $"blocked: {target.Address} port {target.Port} ({target.Host}) — {decision.Reason ?? "refused by the safety policy"}", host: target.Host);
    }

    /// <summary>
    /// One address: a connection slot for it (<see cref="RemoteAddressLimiter"/>), connect, banner, then the
    /// conversation. Null means "try the next address". <paramref name="sink"/> is the target's view of the sink.
    /// </summary>
    private async Task<CheckResult?> AttemptAsync(SessionPlan plan, IPAddress ip, CheckEventSink sink, CheckProgress progress, AttemptTally tally, CancellationToken checkToken)
    {
        var port = plan.Request.Port;
        var endpoint = new IPEndPoint(ip, port);
        progress.Host = plan.Host;
        progress.Address = plan.Address;
        progress.Step = EventKind.Connect;
        progress.Greeted = false;
        progress.MessageInFlight = false;
        progress.FinalDotSent = false;
        tally.Attempts++;
        using var slot = await WaitForSlotAsync(ip, sink, checkToken).ConfigureAwait(false);
        LogConnecting(plan.CheckId, plan.Host, plan.Address, port);
        sink.Info(EventKind.Connect, $"Connecting to {plan.Host} [{ip}]:{port} ...", host: plan.Host);

        var started = _timeProvider.GetTimestamp();
        Stream stream;
        using (var timer = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, checkToken))
        {
            try
            {
                stream = await _connector.ConnectAsync(endpoint, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !checkToken.IsCancellationRequested)
            {
                tally.TimedOut++;
                tally.LastError = "timed out";
                ConnectFailed(sink, plan, port, started, $"timed out after {SmtpConnection.Seconds(_options.ConnectTimeout)}");
                return null;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                var reason = ex is SocketException se ? $"{SocketReason(se.SocketErrorCode)} ({se.Message})" : ex.Message;
                tally.LastError = reason;
                tally.NoRoute = ex is SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable };
                ConnectFailed(sink, plan, port, started, reason);
                return null;
            }
        }

        // The local end of the socket is the address the server sees (unless NAT rewrites it: MailCheck:Smtp:EgressAddress).
        var local = (stream as NetworkStream)?.Socket.LocalEndPoint as IPEndPoint;
        sink.Info(
            EventKind.Connect,
            $"Connected to {plan.Host} [{ip}]:{port}",
            new ConnectionDetail(plan.Host, plan.Address, port, Connected: true) { LocalAddress = local is null ? null : Canonical(local.Address) },
            _timeProvider.GetElapsedTime(started),
            plan.Host);
        var connected = _timeProvider.GetTimestamp();
        var connection = new SmtpConnection(stream, plan.Host, sink, _options, _timeProvider, checkToken);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await ConverseAsync(plan, connection, sink, progress, tally, connected, checkToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (checkToken.IsCancellationRequested)
            {
                // Cancelled or out of time: say goodbye if the connection allows it, then let the engine report it.
                // Not while the message was half written: QUIT would become part of it.
                if (progress.Greeted && !progress.MessageInFlight)
                {
                    await connection.QuitQuietlyAsync(CancelQuitWait).ConfigureAwait(false);
                }

                throw;
            }
            catch (Exception ex) when (ex is TimeoutException or SmtpProtocolException or IOException)
            {
                connection.MarkUnusable();
                return Fault(ex, plan, sink, progress, tally);
            }
        }
    }

    /// <summary>
    /// A slot of the per-address connection limit; when every slot is taken by other connections (of this check or
    /// others), says so in the transcript, waits, and says how long it waited.
    /// </summary>
    private async Task<RemoteAddressLimiter.Lease> WaitForSlotAsync(IPAddress ip, CheckEventSink sink, CancellationToken checkToken)
    {
        long? waitStarted = null;
        var lease = await _limiter.AcquireAsync(
            ip,
            () =>
            {
                waitStarted = _timeProvider.GetTimestamp();
                sink.Info(
                    EventKind.Connect,
                    $"Waiting for a connection slot for {ip}: MailCheck keeps at most {_limiter.PerAddress} connection(s) open to one address across all its checks (MailCheck:Limits:PerRemoteAddress), and they are in use.",
                    explanation: "So that many checks of one provider do not look like an attack on it, MailCheck limits how many connections it holds to one address at a time.");
            },
            checkToken).ConfigureAwait(false);
        if (waitStarted is { } started)
        {
            sink.Info(EventKind.Connect, $"Got a connection slot for {ip}.", duration: _timeProvider.GetElapsedTime(started));
        }

        return lease;
    }

    /// <summary>After cancellation or the deadline the goodbye is kept short.</summary>
    private TimeSpan CancelQuitWait => _options.CommandTimeout < TimeSpan.FromSeconds(1) ? _options.CommandTimeout : TimeSpan.FromSeconds(1);

    private TimeSpan QuitWait => _options.CommandTimeout < TimeSpan.FromSeconds(5) ? _options.CommandTimeout : TimeSpan.FromSeconds(5);

    private async Task<CheckResult?> ConverseAsync(SessionPlan plan, SmtpConnection connection, CheckEventSink sink, CheckProgress progress, AttemptTally tally, long connected, CancellationToken checkToken)
    {
        if (plan.Request.Tls == TlsPolicy.Implicit)
        {
            progress.Step = EventKind.Tls;
            var handshake = _timeProvider.GetTimestamp();
            var (ssl, detail) = await TlsNegotiator.HandshakeAsync(connection.Stream, plan.Host, _trust, _timeProvider, _options.CommandTimeout, checkToken).ConfigureAwait(false);
            sink.Info(EventKind.Tls, TlsNegotiator.Summarise(detail, plan.Host), detail, _timeProvider.GetElapsedTime(handshake), plan.Host, secure: ssl is not null);
            if (ssl is null)
            {
                connection.MarkUnusable();
                return Result(plan, CheckOutcome.TlsFailed, EventKind.Tls, $"TLS failed: the handshake with {plan.Host} failed: {detail.Error}");
            }

            connection.UseTls(ssl);
            if (!(detail.ChainValid && detail.HostNameMatches))
            {
                sink.Info(EventKind.Tls, $"Warning: the certificate of {plan.Host} is not valid; going on (implicit TLS reports it but does not stop for it).", host: plan.Host, secure: true);
            }
        }

        progress.Step = EventKind.Banner;
        var banner = await connection.ReadReplyAsync(EventKind.Banner, connected, "the banner").ConfigureAwait(false);
        switch (banner.Class)
        {
            case 2:
                progress.Greeted = true;
                var session = new SmtpSession(connection, plan, sink, _options, _trust, _timeProvider, progress, checkToken);
                return await session.RunAsync().ConfigureAwait(false);
            case 5:
                await connection.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
                return Result(plan, CheckOutcome.Rejected, EventKind.Banner, $"Rejected at the banner by {plan.Host}: {OutcomeText.Reply(banner)}", banner);
            default:
                if (banner.Code == 421)
                {
                    connection.MarkUnusable();
                }
                else
                {
                    await connection.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
                }

                var outcome = banner.Class == 4 ? CheckOutcome.Deferred : CheckOutcome.ProtocolError;
                var summary = banner.Class == 4
                    ? $"Deferred at the banner by {plan.Host}: {OutcomeText.Reply(banner)}"
                    : $"Protocol error at the banner of {plan.Host}: unexpected reply {banner.Code}";
                tally.Offer(Result(plan, outcome, EventKind.Banner, summary, banner), rank: 3);
                // A fact, not a promise: whether another address follows shows as its own "Connecting to" line.
                sink.Info(EventKind.Connect, $"{plan.Host} [{plan.Address}] did not greet ({banner.Code}).", host: plan.Host);
                return null;
        }
    }

    /// <summary>
    /// Turns a fault into a result; before the greeting it is a failed attempt and the next address is tried.
    /// A lost connection (RFC 5321 §3.8) is judged by where it happened: inside the mail transaction (from MAIL to the
    /// reply to the final ".", §3.3) it counts as a 451 reply, so the outcome is <see cref="CheckOutcome.Deferred"/>;
    /// after the final "." the message may have been accepted (<see cref="CheckOutcome.Indeterminate"/>); before
    /// MAIL no transaction exists to defer, and a server may close only after QUIT, with a 421 reply or after a
    /// timeout, so the hang-up is a <see cref="CheckOutcome.ProtocolError"/>.
    /// </summary>
    private static CheckResult? Fault(Exception ex, SessionPlan plan, CheckEventSink sink, CheckProgress progress, AttemptTally tally)
    {
        var step = progress.Step;
        var at = OutcomeText.StepName(step);
        var (outcome, summary, note) = ex switch
        {
            TimeoutException when progress.FinalDotSent => (CheckOutcome.Indeterminate,
                $"Indeterminate: no reply from {plan.Host} to the final \".\" in time; the message may have been accepted", ex.Message),
            TimeoutException => (CheckOutcome.Timeout, $"Timed out at {at} with {plan.Host}: {ex.Message}", ex.Message),
            SmtpProtocolException p => (CheckOutcome.ProtocolError, $"Protocol error at {at} with {plan.Host}: {p.Message}",
                p.RawText.Length == 0 ? p.Message : $"{p.Message}\n{p.RawText}"),
            _ when progress.FinalDotSent => (CheckOutcome.Indeterminate,
                $"Indeterminate: the connection to {plan.Host} dropped after the final \".\" and before its reply; the message may have been accepted", ex.Message),
            _ when InMailTransaction(step) => (CheckOutcome.Deferred,
                $"Deferred at {at} with {plan.Host}: the connection was lost {(progress.MessageInFlight ? "while the message was being sent, before its final \".\"" : "before the message was sent")}; RFC 5321 §3.8 treats this as a 451 reply (try again later)",
                ex.Message),
            _ => (CheckOutcome.ProtocolError,
                $"Protocol error at {at} with {plan.Host}: the connection was lost before any mail transaction began (RFC 5321 §3.8: a server closes only after QUIT, with a 421 reply or after a timeout)",
                ex.Message),
        };
        var explanation = ex switch
        {
            SmtpProtocolException => "The server broke the SMTP protocol.",
            TimeoutException => "The server did not answer within the time allowed.",
            _ => "The connection was closed or reset before the conversation ended.",
        };
        sink.Info(EventKind.Error, note, host: plan.Host, explanation: explanation);
        var result = Result(plan, outcome, step, summary);
        if (progress.Greeted)
        {
            return result;
        }

        tally.Offer(result, rank: outcome == CheckOutcome.Timeout ? 2 : 1);
        sink.Info(EventKind.Connect, $"No greeting from {plan.Host} [{plan.Address}].", host: plan.Host);
        return null;
    }

    /// <summary>The steps of a mail transaction (RFC 5321 §3.3): MAIL, RCPT, DATA and the message; RSET ends one.</summary>
    private static bool InMailTransaction(EventKind step) => step is EventKind.Mail or EventKind.Rcpt or EventKind.Data or EventKind.Rset;

    private void ConnectFailed(CheckEventSink sink, SessionPlan plan, int port, long started, string reason) =>
        sink.Info(
            EventKind.Connect,
            $"Connection to {plan.Host} [{plan.Address}]:{port} failed: {reason}",
            new ConnectionDetail(plan.Host, plan.Address, port, Connected: false, reason),
            _timeProvider.GetElapsedTime(started),
            plan.Host);

    private static CheckResult Result(SessionPlan plan, CheckOutcome outcome, EventKind step, string summary, SmtpReply? reply = null) => new()
    {
        Outcome = outcome,
        Summary = summary,
        Step = step,
        Host = plan.Host,
        Address = plan.Address,
        Code = reply?.Code,
        EnhancedCode = reply?.EnhancedCode,
    };

    private static string Canonical(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static string SocketReason(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        _ => error.ToString(),
    };
}
