using System.Collections.Concurrent;
using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Blocklists;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Receive.Verdicts;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MailCheck.Core.Receive;

/// <summary>
/// Judges a received message as a receiving server would — SPF, DKIM, ARC, DMARC, reverse DNS and HELO, TLS,
/// blocklists, message hygiene — then writes the scorecard and the outcome <c>received</c>. The verdicts share the
/// posture time budget (<c>MailCheck:Posture:Timeout</c>) and the check's DNS budget; a verdict that fails or runs out of
/// time is "not tested", and the outcome stays <c>received</c>: the message did arrive.
/// </summary>
public sealed partial class ReceiveJudgement
{
    /// <summary>How long the outcome waits for the sender to finish the connection (QUIT) after the verdicts.</summary>
    public static readonly TimeSpan SessionGrace = TimeSpan.FromSeconds(5);

    private readonly IDnsQuerier _dns;
    private readonly DnsOptions _dnsOptions;
    private readonly PostureOptions _posture;
    private readonly DnsblClient _blocklists;
    private readonly TimeProvider _time;
    private readonly ILogger<ReceiveJudgement> _logger;
    private readonly string _receiverName;
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public ReceiveJudgement(
        IDnsQuerier dns,
        IOptions<DnsOptions> dnsOptions,
        IOptions<PostureOptions> posture,
        IOptions<SmtpOptions> smtp,
        IOptions<ReceiveOptions> receive,
        DnsblClient blocklists,
        TimeProvider time,
        ILogger<ReceiveJudgement> logger)
    {
        ArgumentNullException.ThrowIfNull(dnsOptions);
        ArgumentNullException.ThrowIfNull(posture);
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(receive);
        _dns = dns;
        _dnsOptions = dnsOptions.Value;
        _posture = posture.Value;
        _blocklists = blocklists;
        _time = time;
        _logger = logger;
        _receiverName = smtp.Value.EhloName;
        MaxMessageSize = receive.Value.MaxMessageSize;
    }

    private long MaxMessageSize { get; }

    /// <summary>Set by the listener: whether STARTTLS was on offer (the TLS verdict says so when it was not).</summary>
    public bool StartTlsOffered { get; set; } = true;

    /// <summary>Judgements still running (the listener waits for them on shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Keys);

    /// <summary>Starts judging a message the session just stored; the session goes on meanwhile.</summary>
    internal void Start(RecordingWriter writer, ReceivedEnvelope envelope, byte[] message)
    {
        var task = Task.Run(() => RunAsync(writer, envelope, message, waitForSession: true));
        _running[task] = 0;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>
    /// Judges a stored message again, into a check that holds it but has no outcome (MailCheck stopped while judging):
    /// the verdicts need only the envelope and the message, so they come out as they would have.
    /// </summary>
    public async Task JudgeStoredAsync(IReceiveRecording recording, ReceivedEnvelope envelope, byte[] message)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var writer = new RecordingWriter(recording, _logger);
        writer.Post(Note(EventKind.Receive, "MailCheck stopped before it had judged this message; it judges the stored message now."));
        await RunAsync(writer, envelope, message, waitForSession: false).ConfigureAwait(false);
    }

    private async Task RunAsync(RecordingWriter writer, ReceivedEnvelope envelope, byte[] raw, bool waitForSession)
    {
        var dns = new CheckDns(
            _dns,
            _dnsOptions.MaxQueriesPerCheck,
            (answer, purpose) => writer.Post(Note(EventKind.Dns, $"{answer.Name} {answer.Type}: {answer.Describe()}", DnsQueryDetail.From(answer, purpose), answer.Elapsed)),
            budget => writer.Post(Note(EventKind.Dns, $"DNS budget used up: MailCheck sends at most {budget} DNS queries per check; later lookups are not sent and what depends on them is marked not tested.")));
        MimeMessage? message = null;
        string? parseError = null;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(stream).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            parseError = ex.Message;
        }

        var context = new ReceiveContext(envelope, raw, message, parseError, dns, _time, e => writer.Post(e));
        LogJudging(_logger, writer.CheckId, envelope.QueueId);
        await RunVerdictsAsync(context, writer.CheckId).ConfigureAwait(false);

        if (waitForSession)
        {
            var done = await Task.WhenAny(writer.SessionDone, Task.Delay(SessionGrace, _time)).ConfigureAwait(false);
            if (done != writer.SessionDone)
            {
                writer.Post(Note(EventKind.Receive, "The sender keeps the connection open: later lines of it are not part of this check."));
            }
        }

        var items = context.Scorecard.Items;
        var summary = ScoreSummary.Of(items);
        writer.Post(Note(EventKind.Scorecard, items.Count == 0 ? "Scorecard: nothing to judge." : $"Scorecard: {summary}.", new ScorecardDetail(items, summary)));
        var result = Result(envelope, context, items);
        writer.Post(Note(EventKind.Outcome, result.Summary, new OutcomeDetail(result)));
        await writer.CloseAsync().ConfigureAwait(false);
        writer.SessionDetached();
    }

    private IReadOnlyList<IReceiveVerdict> Verdicts() =>
    [
        new ReceivedSpfVerdict(new SpfEvaluator(new SpfEvaluatorOptions { ReceiverName = _receiverName }, _time)),
        new ReceivedDkimVerdict(),
        new ReceivedArcVerdict(),
        new ReceivedDmarcVerdict(),
        new SenderIdentityVerdict(),
        new TransportVerdict(StartTlsOffered),
        new SenderBlocklistVerdict(_blocklists),
        new MessageHygieneVerdict(MaxMessageSize),
    ];

    /// <summary>Each verdict within what is left of the posture budget; a fault or a timeout is "not tested" for its items.</summary>
    private async Task RunVerdictsAsync(ReceiveContext context, string checkId)
    {
        var spent = TimeSpan.Zero;
        foreach (var verdict in Verdicts())
        {
            var started = _time.GetTimestamp();
            var left = _posture.Timeout - spent;
            string? why = null;
            if (left <= TimeSpan.Zero)
            {
                why = $"the verdicts on one message may take {SmtpConnection.Seconds(_posture.Timeout)} together (MailCheck:Posture:Timeout), and that time was used up";
            }
            else
            {
                using var budget = new CancellationTokenSource(left, _time);
                try
                {
                    await verdict.RunAsync(context, budget.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (budget.IsCancellationRequested)
                {
                    why = $"it did not finish within the time budget ({SmtpConnection.Seconds(_posture.Timeout)} for all verdicts)";
                }
#pragma warning disable CA1031 // A verdict never ends a check: a fault is "not tested".
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogVerdictFailed(_logger, ex, checkId, verdict.Name);
                    why = $"MailCheck failed unexpectedly ({ex.GetType().Name})";
                }
            }

            if (why is not null)
            {
                context.Info(EventKind.Error, $"The {verdict.Name} verdict could not be completed: {why}.");
                foreach (var id in verdict.ScorecardIds.Where(id => !context.Scorecard.Contains(id)))
                {
                    context.Scorecard.Set(new ScorecardItem { Id = id, Area = verdict.Area, Status = ScoreStatus.NotTested, Title = $"{verdict.Name}: could not test", Detail = $"Could not test: {why}." });
                }
            }

            spent += _time.GetElapsedTime(started);
        }
    }

    private static CheckResult Result(ReceivedEnvelope envelope, ReceiveContext context, IReadOnlyList<ScorecardItem> items)
    {
        var spf = context.Get<SpfOutcome>()?.MailFrom;
        var dkim = context.Get<DkimOutcome>();
        var dmarc = items.FirstOrDefault(i => i.Id == Scorecard.ScorecardIds.Dmarc);
        var dkimText = dkim is null ? "not tested"
            : dkim.Signatures.Count == 0 ? "none"
            : string.Join(", ", dkim.Signatures.Select(s => $"{ReceivedDkimVerdict.ResultName(s.Result)} (d={s.Domain})"));
        var dmarcText = dmarc is null ? "not tested" : dmarc.Title.Contains(": ", StringComparison.Ordinal) ? dmarc.Title[(dmarc.Title.IndexOf(": ", StringComparison.Ordinal) + 2)..] : dmarc.Title;
        var from = envelope.HeloName.Length > 0 ? $"{envelope.HeloName} [{envelope.RemoteAddress}]" : $"[{envelope.RemoteAddress}]";
        var size = envelope.Data.Size.ToString("N0", CultureInfo.InvariantCulture);
        return new CheckResult
        {
            Outcome = CheckOutcome.Received,
            Summary = $"Received {size} bytes from {from}{(envelope.TlsProtocol is null ? " in plain text" : $" over {envelope.TlsProtocol}")}: SPF {(spf is null ? "not checked" : SpfText.Name(spf.Result))}, DKIM {dkimText}, DMARC {dmarcText}",
            Step = EventKind.Message,
            Host = envelope.HeloName,
            Address = envelope.RemoteAddress,
            Code = 250,
            EnhancedCode = "2.0.0",
            QueueId = envelope.QueueId,
        };
    }

    private CheckEvent Note(EventKind kind, string text, CheckEventDetail? detail = null, TimeSpan? duration = null) => new()
    {
        Seq = 0,
        At = _time.GetUtcNow(),
        Elapsed = default,
        Direction = EventDirection.Info,
        Kind = kind,
        Text = text,
        Detail = detail,
        Duration = duration,
    };

    [LoggerMessage(EventId = 320, Level = LogLevel.Debug, Message = "Receive check {CheckId}: judging message {QueueId}")]
    private static partial void LogJudging(ILogger logger, string checkId, string queueId);

    [LoggerMessage(EventId = 321, Level = LogLevel.Error, Message = "Receive check {CheckId}: the {Verdict} verdict failed unexpectedly")]
    private static partial void LogVerdictFailed(ILogger logger, Exception exception, string checkId, string verdict);
}
