using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Tls;
using MimeKit;

namespace MailCheck.Core.Smtp;

/// <summary>
/// The conversation after a positive banner: EHLO/HELO, STARTTLS, AUTH, MAIL, RCPT, DATA, the message, QUIT,
/// as far as the mode goes. Negative replies become results; faults (timeouts, drops, protocol errors,
/// cancellation) are thrown for the engine to report, with <see cref="CheckProgress"/> saying where.
/// </summary>
internal sealed class SmtpSession
{
    private readonly SmtpConnection _c;
    private readonly SessionPlan _plan;
    private readonly CheckEventSink _sink;
    private readonly SmtpOptions _options;
    private readonly CertificateTrust _trust;
    private readonly TimeProvider _timeProvider;
    private readonly CheckProgress _progress;
    private readonly CancellationToken _checkToken;
    private CapabilitiesDetail _caps = new();

    public SmtpSession(SmtpConnection connection, SessionPlan plan, CheckEventSink sink, SmtpOptions options, CertificateTrust trust, TimeProvider timeProvider, CheckProgress progress, CancellationToken checkToken)
    {
        _c = connection;
        _plan = plan;
        _sink = sink;
        _options = options;
        _trust = trust;
        _timeProvider = timeProvider;
        _progress = progress;
        _checkToken = checkToken;
    }

    private CheckRequest Request => _plan.Request;

    private TimeSpan QuitWait => _options.CommandTimeout < TimeSpan.FromSeconds(5) ? _options.CommandTimeout : TimeSpan.FromSeconds(5);

    public async Task<CheckResult> RunAsync()
    {
        var result = await GreetAsync().ConfigureAwait(false)
            ?? await StartTlsAsync().ConfigureAwait(false);
        if (result is not null)
        {
            return result;
        }

        if (Request.Mode == CheckMode.Connect)
        {
            await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
            var tls = _c.Secure ? " under TLS" : " without TLS";
            return Result(CheckOutcome.Accepted, EventKind.Ehlo, $"Connected: {_plan.Host} greeted and accepted EHLO{tls}; nothing was sent");
        }

        result = await AuthenticateAsync().ConfigureAwait(false)
            ?? await EnvelopeAsync().ConfigureAwait(false);
        return result!;
    }

    private async Task<CheckResult?> GreetAsync()
    {
        _progress.Step = EventKind.Ehlo;
        var name = _plan.EhloName;
        var reply = await _c.CommandAsync(EventKind.Ehlo, "EHLO " + name, detail: r => r.Class == 2 ? CapabilitiesParser.Parse(r) : null).ConfigureAwait(false);
        if (reply.Class == 2)
        {
            _caps = CapabilitiesParser.Parse(reply);
            return null;
        }

        if (reply.Class != 5)
        {
            return await EndAsync(reply, EventKind.Ehlo).ConfigureAwait(false);
        }

        _progress.Step = EventKind.Helo;
        _sink.Info(EventKind.Helo, "EHLO was refused; trying HELO (no extensions: no STARTTLS, SIZE or AUTH).", host: _plan.Host, secure: _c.Secure);
        reply = await _c.CommandAsync(EventKind.Helo, "HELO " + name).ConfigureAwait(false);
        if (reply.Class != 2)
        {
            return await EndAsync(reply, EventKind.Helo).ConfigureAwait(false);
        }

        _caps = new CapabilitiesDetail();
        return null;
    }

    private async Task<CheckResult?> StartTlsAsync()
    {
        if (Request.Tls is TlsPolicy.None or TlsPolicy.Implicit || _c.Secure)
        {
            return null;
        }

        var required = Request.Tls == TlsPolicy.Required;
        _progress.Step = EventKind.StartTls;
        if (!_caps.StartTls)
        {
            if (required)
            {
                _sink.Info(EventKind.Error, $"{_plan.Host} does not offer STARTTLS, and TLS is required.", host: _plan.Host);
                await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
                return Result(CheckOutcome.TlsFailed, EventKind.StartTls, $"TLS failed: {_plan.Host} does not offer STARTTLS (TLS required; no fallback to plain text)");
            }

            _sink.Info(EventKind.StartTls, $"{_plan.Host} does not offer STARTTLS: going on without TLS.", host: _plan.Host);
            return null;
        }

        var reply = await _c.CommandAsync(EventKind.StartTls, "STARTTLS").ConfigureAwait(false);
        if (reply.Code != 220)
        {
            if (required)
            {
                await QuitUnlessClosingAsync(reply).ConfigureAwait(false);
                return Result(CheckOutcome.TlsFailed, EventKind.StartTls, $"TLS failed at STARTTLS with {_plan.Host}: {OutcomeText.Reply(reply)} (TLS required; no fallback to plain text)", reply);
            }

            if (reply.Code == 421 || reply.Class is not (4 or 5))
            {
                return await EndAsync(reply, EventKind.StartTls).ConfigureAwait(false);
            }

            _sink.Info(EventKind.StartTls, $"STARTTLS was refused ({reply.Code}): going on without TLS.", host: _plan.Host);
            return null;
        }

        if (_c.Reader.BufferedCount > 0)
        {
            throw new SmtpProtocolException(
                "The server sent data after its 220 to STARTTLS and before the TLS handshake (plaintext injection, as in CVE-2011-0411); MailCheck will not use it.",
                $"{_c.Reader.BufferedCount} bytes after \"{reply.Text}\"");
        }

        _progress.Step = EventKind.Tls;
        var handshake = _timeProvider.GetTimestamp();
        var (ssl, detail) = await TlsNegotiator.HandshakeAsync(_c.Stream, _plan.Host, _trust, _timeProvider, _options.CommandTimeout, _checkToken).ConfigureAwait(false);
        _sink.Info(EventKind.Tls, TlsNegotiator.Summarise(detail, _plan.Host), detail, _timeProvider.GetElapsedTime(handshake), _plan.Host, secure: ssl is not null);
        if (ssl is null)
        {
            _c.MarkUnusable();
            return Result(CheckOutcome.TlsFailed, EventKind.Tls, $"TLS failed: the handshake with {_plan.Host} failed: {detail.Error}");
        }

        _c.UseTls(ssl);
        if (required && _plan.Dane?.For(_plan.Host) is { Enforced: true } dane)
        {
            // A DANE sender authenticates with the TLSA records, not the PKIX chain (RFC 7672 §2.2, §3).
            return await DaneRequiredAsync(dane, detail).ConfigureAwait(false) ?? await GreetAsync().ConfigureAwait(false);
        }

        if (required && !(detail.ChainValid && detail.HostNameMatches))
        {
            await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
            var why = !detail.HostNameMatches ? $"it does not name {_plan.Host}" : "its chain does not validate (" + string.Join("; ", detail.ChainErrors) + ")";
            return Result(CheckOutcome.TlsFailed, EventKind.Tls, $"TLS failed: the certificate of {_plan.Host} is not valid: {why} (TLS required)");
        }

        // RFC 3207: the client must discard what it knew and say EHLO again.
        return await GreetAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// <c>tls: "required"</c> with usable, secure TLSA records: the presented chain must match them (RFC 7672 §2.2: a DANE
    /// sender does not deliver to a server its records do not authenticate); a match stands in for PKIX validation.
    /// </summary>
    private async Task<CheckResult?> DaneRequiredAsync(Dane.DaneHost dane, TlsDetail detail)
    {
        var presented = detail.PresentedChain.Select(Convert.FromBase64String).ToList();
        var match = Dane.DaneAuthenticator.Authenticate(dane.Records, presented, dane.ReferenceNames, _timeProvider.GetUtcNow());
        _sink.Info(EventKind.Dane, $"DANE: {match.Summary}.", host: _plan.Host, secure: true);
        if (match.Authenticated)
        {
            return null;
        }

        await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
        return Result(CheckOutcome.TlsFailed, EventKind.Tls, $"TLS failed: the certificate of {_plan.Host} does not match its DANE TLSA records: {match.Summary} (TLS required; RFC 7672 §2.2)");
    }

    private async Task<CheckResult?> AuthenticateAsync()
    {
        if (Request.Auth is not { } credentials)
        {
            return null;
        }

        _progress.Step = EventKind.Auth;
        var mechanism = SmtpAuthenticator.Choose(_caps.AuthMechanisms);
        if (mechanism is null)
        {
            var offered = _caps.AuthMechanisms.Count == 0 ? "none" : string.Join(' ', _caps.AuthMechanisms);
            _sink.Info(EventKind.Error, $"{_plan.Host} offers no AUTH mechanism MailCheck speaks (PLAIN, LOGIN); offered: {offered}.", host: _plan.Host, secure: _c.Secure);
            await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
            return Result(CheckOutcome.Rejected, EventKind.Auth, $"Rejected at AUTH by {_plan.Host}: it offers no PLAIN or LOGIN authentication (offered: {offered})");
        }

        if (!_c.Secure)
        {
            _sink.Info(EventKind.Auth, "Warning: the credentials are sent without TLS.", host: _plan.Host);
        }

        var reply = await SmtpAuthenticator.AuthenticateAsync(_c, mechanism, credentials).ConfigureAwait(false);
        return reply.Class == 2 ? null : await EndAsync(reply, EventKind.Auth).ConfigureAwait(false);
    }

    private async Task<CheckResult> EnvelopeAsync()
    {
        _progress.Step = EventKind.Mail;
        var addresses = _plan.Recipients.Prepend(_plan.From).ToList();
        var needsUtf8 = addresses.FirstOrDefault(a => !IsAscii(a.LocalPart));
        if (needsUtf8 is not null && !_caps.SmtpUtf8)
        {
            _sink.Info(EventKind.Error, $"The address {needsUtf8.Address} has a non-ASCII local part and needs SMTPUTF8 (RFC 6531), which {_plan.Host} does not offer; nothing was sent.", host: _plan.Host, secure: _c.Secure);
            await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
            return Result(CheckOutcome.Rejected, EventKind.Mail, $"Rejected at MAIL FROM: {_plan.Host} does not offer SMTPUTF8, which the address {needsUtf8.Address} needs");
        }

        var utf8 = _caps.SmtpUtf8 && addresses.Any(a => !IsAscii(a.Address));
        var message = TestMessageBuilder.Build(
            _plan.CheckId, _plan.From, _plan.Recipients, Request.Subject, Request.Body, _options.InstanceName,
            _timeProvider.GetUtcNow(), _caps.EightBitMime, utf8);

        var mail = "MAIL FROM:<" + Envelope(_plan.From, utf8) + ">";
        if (_caps.Size is not null)
        {
            mail += " SIZE=" + message.Size.ToString(CultureInfo.InvariantCulture);
        }

        if (message.EightBit)
        {
            mail += " BODY=8BITMIME";
        }

        if (utf8)
        {
            mail += " SMTPUTF8";
        }

        var reply = await _c.CommandAsync(EventKind.Mail, mail).ConfigureAwait(false);
        if (reply.Class != 2)
        {
            return await EndAsync(reply, EventKind.Mail).ConfigureAwait(false);
        }

        _progress.Step = EventKind.Rcpt;
        var accepted = new List<SmtpReply>();
        var refused = new List<SmtpReply>();
        foreach (var recipient in _plan.Recipients)
        {
            reply = await _c.CommandAsync(EventKind.Rcpt, "RCPT TO:<" + Envelope(recipient, utf8) + ">").ConfigureAwait(false);
            if (reply.Class == 2)
            {
                accepted.Add(reply);
            }
            else if (reply.Code == 421)
            {
                return await EndAsync(reply, EventKind.Rcpt).ConfigureAwait(false);
            }
            else
            {
                refused.Add(reply);
            }
        }

        if (accepted.Count == 0)
        {
            // A temporary refusal may yet turn into an acceptance: it decides over a permanent one.
            var decisive = refused.FirstOrDefault(r => r.Class == 4) ?? refused[0];
            return await EndAsync(decisive, EventKind.Rcpt).ConfigureAwait(false);
        }

        if (refused.Count > 0)
        {
            _sink.Info(EventKind.Rcpt, $"{refused.Count} of {_plan.Recipients.Count} recipients refused; going on with {accepted.Count}.", host: _plan.Host, secure: _c.Secure);
        }

        return Request.Mode == CheckMode.Probe
            ? await ProbeEndAsync(accepted).ConfigureAwait(false)
            : await DataAsync(message, accepted.Count).ConfigureAwait(false);
    }

    private async Task<CheckResult> ProbeEndAsync(List<SmtpReply> accepted)
    {
        _progress.Step = EventKind.Rset;
        await _c.CommandAsync(EventKind.Rset, "RSET").ConfigureAwait(false);
        await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
        return Result(
            CheckOutcome.Accepted,
            EventKind.Rcpt,
            $"Accepted at RCPT TO by {_plan.Host}: {accepted.Count} of {_plan.Recipients.Count} recipients ({OutcomeText.Reply(accepted[0])}); probe: nothing was sent",
            accepted[0]);
    }

    private async Task<CheckResult> DataAsync(TestMessage message, int acceptedCount)
    {
        _progress.Step = EventKind.Data;
        if (Request.SendGate is { } gate && !await MaySendAsync(gate).ConfigureAwait(false))
        {
            _sink.Info(EventKind.Error, "MailCheck may no longer send for this check (the instance running it lost its hold on it), so it stops before DATA: no message was sent.", host: _plan.Host, secure: _c.Secure);
            await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
            return Result(CheckOutcome.Interrupted, EventKind.Data, $"Interrupted before DATA with {_plan.Host}: MailCheck may no longer send for this check; no message was sent");
        }

        var reply = await _c.CommandAsync(EventKind.Data, "DATA").ConfigureAwait(false);
        if (reply.Code != 354)
        {
            return await EndAsync(reply, EventKind.Data).ConfigureAwait(false);
        }

        _sink.Emit(new CheckEvent
        {
            Seq = 0,
            At = default,
            Elapsed = default,
            Direction = EventDirection.Client,
            Kind = EventKind.Message,
            Text = message.Summary,
            Secure = _c.Secure,
            Host = _plan.Host,
        });
        _progress.MessageInFlight = true;
        await _c.WriteAsync(message.Wire, "the message").ConfigureAwait(false);
        var sent = _timeProvider.GetTimestamp();
        _progress.MessageInFlight = false;
        _progress.FinalDotSent = true;
        _progress.Step = EventKind.Message;
        reply = await _c.ReadReplyAsync(EventKind.Message, sent, "the final \".\"").ConfigureAwait(false);
        if (reply.Class != 2)
        {
            return await EndAsync(reply, EventKind.Message).ConfigureAwait(false);
        }

        var queueId = QueueIdParser.Parse(reply);
        await _c.QuitQuietlyAsync(QuitWait).ConfigureAwait(false);
        var queued = queueId is null ? "" : $", queued as {queueId}";
        var to = acceptedCount == 1 ? "1 recipient" : $"{acceptedCount} recipients";
        return Result(CheckOutcome.Accepted, EventKind.Message, $"Accepted by {_plan.Host} for {to}: {OutcomeText.Reply(reply)}{queued}", reply) with { QueueId = queueId };
    }

    /// <summary>The host's gate before DATA; a failing gate says no (never send when in doubt).</summary>
    private async Task<bool> MaySendAsync(ISendGate gate)
    {
        try
        {
            return await gate.MaySendAsync(_checkToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the gate's failure, the answer is "do not send".
        catch (Exception) when (!_checkToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Ends the conversation after a reply that stops it (QUIT unless the server said 421).</summary>
    private async Task<CheckResult> EndAsync(SmtpReply reply, EventKind step)
    {
        await QuitUnlessClosingAsync(reply).ConfigureAwait(false);
        var outcome = reply.Class switch
        {
            4 => CheckOutcome.Deferred,
            5 => CheckOutcome.Rejected,
            _ => CheckOutcome.ProtocolError,
        };
        var summary = outcome == CheckOutcome.ProtocolError
            ? $"Protocol error at {OutcomeText.StepName(step)} with {_plan.Host}: unexpected reply {reply.Code}"
            : $"{outcome} at {OutcomeText.StepName(step)} by {_plan.Host}: {OutcomeText.Reply(reply)}";
        return Result(outcome, step, summary, reply);
    }

    private Task QuitUnlessClosingAsync(SmtpReply reply)
    {
        if (reply.Code == 421)
        {
            _c.MarkUnusable();
            return Task.CompletedTask;
        }

        return _c.QuitQuietlyAsync(QuitWait);
    }

    private CheckResult Result(CheckOutcome outcome, EventKind step, string summary, SmtpReply? reply = null) => new()
    {
        Outcome = outcome,
        Summary = summary,
        Step = step,
        Host = _plan.Host,
        Address = _plan.Address,
        Code = reply?.Code,
        EnhancedCode = reply?.EnhancedCode,
    };

    private static string Envelope(MailboxAddress mailbox, bool utf8) => utf8 ? mailbox.Address : mailbox.GetAddress(true);

    private static bool IsAscii(string text) => text.All(char.IsAscii);
}
