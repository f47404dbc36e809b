using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Smtp;

namespace MailCheck.Core.Receive;

/// <summary>The mail transaction: MAIL FROM, RCPT TO (the check's address), DATA, and what happens to the check.</summary>
internal sealed partial class ReceiveSession
{
    private async Task MailAsync(string argument)
    {
        if (_heloName is null)
        {
            await ErrorAsync(EventKind.Mail, 503, "5.5.1", "Error: send HELO/EHLO first (RFC 5321 §4.1.4)").ConfigureAwait(false);
            _transcript.EndTransaction();
            return;
        }

        if (_transaction is not null)
        {
            await ErrorAsync(EventKind.Mail, 503, "5.5.1", "Error: nested MAIL command (RFC 5321 §4.1.4)").ConfigureAwait(false);
            return;
        }

        if (!SmtpPath.TryParse(argument, "FROM", out var path, out var error))
        {
            await ErrorAsync(EventKind.Mail, 501, "5.1.7", error).ConfigureAwait(false);
            _transcript.EndTransaction();
            return;
        }

        var parameters = MailParameters.Parse(path.Parameters);
        if (parameters.Error is { } bad)
        {
            await ErrorAsync(EventKind.Mail, 555, "5.5.4", bad).ConfigureAwait(false);
            _transcript.EndTransaction();
            return;
        }

        if (parameters.Size is { } size && size > Options.MaxMessageSize)
        {
            await ErrorAsync(EventKind.Mail, 552, "5.3.4", $"Error: message size exceeds fixed maximum message size ({_settings.SizeText} bytes; RFC 1870)").ConfigureAwait(false);
            _transcript.EndTransaction();
            return;
        }

        if (path.IsInternational && !parameters.SmtpUtf8)
        {
            await ErrorAsync(EventKind.Mail, 553, "5.6.7", "Error: a non-ASCII address needs the SMTPUTF8 parameter (RFC 6531 §3.4)").ConfigureAwait(false);
            _transcript.EndTransaction();
            return;
        }

        _transaction = new Transaction(path, parameters);
        await ReplyAsync(EventKind.Mail, 250, "2.1.0", "Ok").ConfigureAwait(false);
    }

    private async Task RcptAsync(string argument, CancellationToken token)
    {
        if (_transaction is not { } transaction)
        {
            await ErrorAsync(EventKind.Rcpt, 503, "5.5.1", "Error: need MAIL command (RFC 5321 §4.1.4)").ConfigureAwait(false);
            return;
        }

        if (!SmtpPath.TryParse(argument, "TO", out var path, out var error))
        {
            // "RCPT TO:<postmaster>" without a domain is legal (RFC 5321 §4.1.1.3): no mailbox here either.
            var postmaster = argument.TrimEnd().EndsWith(":<postmaster>", StringComparison.OrdinalIgnoreCase);
            await (postmaster
                ? ErrorAsync(EventKind.Rcpt, 550, "5.1.1", "<postmaster>: Recipient address rejected: MailCheck keeps no mailboxes; it takes mail only for a receive check's address")
                : ErrorAsync(EventKind.Rcpt, 501, "5.1.3", error)).ConfigureAwait(false);
            return;
        }

        if (path.Parameters.Length > 0)
        {
            await ErrorAsync(EventKind.Rcpt, 555, "5.5.4", $"Error: unsupported parameter {path.Parameters.Split(' ')[0]} (no DSN here)").ConfigureAwait(false);
            return;
        }

        var address = $"<{path.Address}>";
        if (path.IsNull || !string.Equals(path.Domain, _settings.Domain, StringComparison.Ordinal))
        {
            // Not MailCheck's domain: MailCheck never relays.
            await ErrorAsync(EventKind.Rcpt, 554, "5.7.1", $"{address}: Relay access denied").ConfigureAwait(false);
            return;
        }

        if (++transaction.RecipientCommands > ReceiveServerSettings.MaxRecipients)
        {
            await ErrorAsync(EventKind.Rcpt, 452, "4.5.3", "Error: too many recipients").ConfigureAwait(false);
            return;
        }

        if (!ReceiveToken.TryParse(path.LocalPart, out var tokenText))
        {
            await ErrorAsync(EventKind.Rcpt, 550, "5.1.1", $"{address}: Recipient address rejected: no such address here (MailCheck takes mail only for a receive check's address)").ConfigureAwait(false);
            return;
        }

        if (transaction.Token is { } held)
        {
            await (held == tokenText
                ? ReplyAsync(EventKind.Rcpt, 250, "2.1.5", $"{address}: Recipient ok (already given)")
                : ErrorAsync(EventKind.Rcpt, 452, "4.5.3", $"{address}: Error: one receive address per message; send to this one in a transaction of its own")).ConfigureAwait(false);
            return;
        }

        MailboxOpening opening;
        try
        {
            opening = await _mailboxes.OpenAsync(tokenText, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(_logger, ex, "(token lookup)");
            await ErrorAsync(EventKind.Rcpt, 451, "4.3.0", $"{address}: Error: MailCheck cannot look up this address right now; try again later").ConfigureAwait(false);
            return;
        }

        switch (opening.State)
        {
            case MailboxState.Open:
                transaction.Token = tokenText;
                transaction.Recipient = path.Address;
                transaction.Writer = new RecordingWriter(opening.Recording!, _logger);
                _transcript.Attach(transaction.Writer);
                await ReplyAsync(EventKind.Rcpt, 250, "2.1.5", $"{address}: Recipient ok").ConfigureAwait(false);
                break;
            case MailboxState.Busy:
                await ErrorAsync(EventKind.Rcpt, 450, "4.2.1", $"{address}: Recipient address rejected: another connection is delivering to this address; try again later").ConfigureAwait(false);
                break;
            case MailboxState.Used:
                await ErrorAsync(EventKind.Rcpt, 550, "5.1.1", $"{address}: Recipient address rejected: this address already received its one message{Since(opening)}").ConfigureAwait(false);
                break;
            case MailboxState.Closed:
                await ErrorAsync(EventKind.Rcpt, 550, "5.1.1", $"{address}: Recipient address rejected: this address stopped waiting{Since(opening)} (its receive check timed out or was cancelled)").ConfigureAwait(false);
                break;
            default:
                await ErrorAsync(EventKind.Rcpt, 550, "5.1.1", $"{address}: Recipient address rejected: no such address here (a receive check's address is deleted with the check)").ConfigureAwait(false);
                break;
        }
    }

    private static string Since(MailboxOpening opening) =>
        opening.Since is { } at ? " at " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    private async Task DataAsync(string argument, CancellationToken token)
    {
        if (argument.Length > 0)
        {
            await ErrorAsync(EventKind.Data, 501, "5.5.4", "Syntax: DATA takes no argument (RFC 5321 §4.1.1.4)").ConfigureAwait(false);
            return;
        }

        if (_transaction is not { } transaction)
        {
            await ErrorAsync(EventKind.Data, 503, "5.5.1", "Error: need MAIL command (RFC 5321 §4.1.4)").ConfigureAwait(false);
            return;
        }

        if (transaction.Writer is not { } writer)
        {
            await ErrorAsync(EventKind.Data, 554, "5.5.1", "Error: no valid recipients (RFC 5321 §3.3)").ConfigureAwait(false);
            return;
        }

        await ReplyAsync(EventKind.Data, 354, null, "End data with <CR><LF>.<CR><LF>").ConfigureAwait(false);
        var started = _time.GetTimestamp();
        using var message = new MemoryStream();
        DataStatistics stats;
        try
        {
            stats = await _reader.ReadDataAsync(message, Options.MaxMessageSize, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or EndOfStreamException or IOException or OperationCanceledException)
        {
            _transcript.Emit(Command(EventKind.Message, $"(the message broke off after {message.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, before the final \".\")", _time.GetElapsedTime(started)));
            throw;
        }

        _commandArrived = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(started);
        if (stats.TooBig)
        {
            _transcript.Emit(Command(
                EventKind.Message,
                $"(a message of {stats.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes: over MailCheck's limit of {_settings.SizeText} bytes, so it was read to its end and not kept)",
                elapsed));
            await ErrorAsync(EventKind.Message, 552, "5.3.4", $"Error: message size exceeds fixed maximum message size ({_settings.SizeText} bytes; RFC 1870)").ConfigureAwait(false);
            await EndTransactionAsync("it was larger than MailCheck takes (552 5.3.4)").ConfigureAwait(false);
            return;
        }

        var bytes = message.ToArray();
        var summary = ReceivedMessageSummary.Read(bytes, stats);
        _transcript.Emit(new CheckEvent
        {
            Seq = 0,
            At = default,
            Elapsed = default,
            Direction = EventDirection.Client,
            Kind = EventKind.Message,
            Text = summary.Text,
            Duration = elapsed,
            Secure = _secure,
            Detail = summary.Detail,
        });

        var envelope = new ReceivedEnvelope
        {
            RemoteAddress = _remote.Address.ToString(),
            RemotePort = _remote.Port,
            LocalAddress = _local.Address.ToString(),
            LocalPort = _local.Port,
            HeloVerb = _heloVerb ?? "HELO",
            HeloName = _heloName ?? "",
            MailFrom = transaction.From.Address,
            MailParameters = transaction.From.Parameters,
            Recipient = transaction.Recipient!,
            TlsProtocol = _secure ? _tlsProtocol : null,
            TlsCipherSuite = _secure ? _tlsCipher : null,
            Pipelined = _pipelined,
            ReceivedAt = _time.GetUtcNow(),
            QueueId = ReceiveToken.New()[..12].ToUpperInvariant(),
            Data = ReceivedDataFacts.From(stats),
        };

        bool stored;
        try
        {
            stored = await writer.Recording.StoreMessageAsync(envelope, bytes, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(_logger, ex, writer.CheckId);
            await ErrorAsync(EventKind.Message, 451, "4.3.0", "Error: MailCheck could not keep the message; try again later").ConfigureAwait(false);
            await EndTransactionAsync("MailCheck could not store it (451)").ConfigureAwait(false);
            return;
        }

        if (!stored)
        {
            await ErrorAsync(EventKind.Message, 554, "5.1.1", "Error: this address stopped waiting while the message arrived (its receive check ended)").ConfigureAwait(false);
            await EndTransactionAsync("the check stopped waiting while it arrived").ConfigureAwait(false);
            return;
        }

        transaction.Stored = true;
        LogReceived(_logger, writer.CheckId, envelope.QueueId, stats.Size, envelope.RemoteAddress);
        await ReplyAsync(EventKind.Message, 250, "2.0.0", $"Ok: queued as {envelope.QueueId}").ConfigureAwait(false);
        _judgement.Start(writer, envelope, bytes);
        await EndTransactionAsync("the message was received").ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the transaction, if any. A check that was named but got no message is told why, then released to go on
    /// waiting; a check whose message was stored keeps getting this connection's lines until the next transaction.
    /// </summary>
    private async Task EndTransactionAsync(string why)
    {
        if (_transaction is not { } transaction)
        {
            return;
        }

        _transaction = null;
        if (transaction.Writer is { } writer && !transaction.Stored)
        {
            writer.Post(Note(EventKind.Receive, $"No message in this transaction: {why}. The address goes on waiting for its message."));
            _transcript.Detach();
            await writer.CloseAsync().ConfigureAwait(false);
            try
            {
                await writer.Recording.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The hold ends by itself when it times out; the session goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStoreFailed(_logger, ex, writer.CheckId);
            }
        }

        _transcript.EndTransaction();
    }

    /// <summary>One mail transaction (RFC 5321 §3.3).</summary>
    private sealed class Transaction(SmtpPath from, MailParameters parameters)
    {
        public SmtpPath From { get; } = from;

        public MailParameters Parameters { get; } = parameters;

        public int RecipientCommands { get; set; }

        /// <summary>The token of the check's address, once a RCPT TO named one that waits.</summary>
        public string? Token { get; set; }

        public string? Recipient { get; set; }

        public RecordingWriter? Writer { get; set; }

        public bool Stored { get; set; }
    }
}
