using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MailCheck.Core.Checks;

/// <summary>
/// Runs a check as a pipeline of stages (<see cref="ICheckStage"/>): discovery, posture before connecting, the SMTP
/// conversation, verdicts after the session, the scorecard — every stage writing to one event stream that ends with
/// the outcome. The check runs as a task writing to a channel, so the consumer's pace never matters and the outcome is
/// always delivered, even after cancellation.
/// </summary>
public sealed partial class CheckEngine : ICheckEngine
{
    private readonly IReadOnlyList<ICheckStage> _stages;
    private readonly IDnsQuerier _dns;
    private readonly SmtpOptions _options;
    private readonly DnsOptions _dnsOptions;
    private readonly PostureOptions _postureOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CheckEngine> _logger;
    private readonly DnssecResolver? _dnssec;

    /// <param name="dnssec">Judges the DNSSEC state of every answer; when null, answers are not judged (tests of other things).</param>
    public CheckEngine(
        IEnumerable<ICheckStage> stages,
        IDnsQuerier dns,
        IOptions<SmtpOptions> options,
        IOptions<DnsOptions> dnsOptions,
        IOptions<PostureOptions> postureOptions,
        TimeProvider timeProvider,
        ILogger<CheckEngine> logger,
        DnssecResolver? dnssec = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dnsOptions);
        ArgumentNullException.ThrowIfNull(postureOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        // Stable sort: stages of the same phase and order keep their registration order.
        _stages = [.. stages.Select((s, i) => (s, i)).OrderBy(x => x.s.Phase).ThenBy(x => x.s.Order).ThenBy(x => x.i).Select(x => x.s)];
        _dns = dns;
        _options = options.Value;
        _dnsOptions = dnsOptions.Value;
        _postureOptions = postureOptions.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _dnssec = dnssec;
    }

    /// <summary>The stages, in the order they run.</summary>
    public IReadOnlyList<ICheckStage> Stages => _stages;

    public IAsyncEnumerable<CheckEvent> RunAsync(string checkId, CheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkId);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Mode == CheckMode.Receive)
        {
            // A receive check is not run: it waits for a message (Receive/SmtpReceiver records and judges it).
            throw new CheckValidationException([new FieldError("mode", "A receive check waits for a message; the engine only runs checks that connect out.")]);
        }

        var validation = CheckRequestValidator.Validate(request);
        if (!validation.IsValid)
        {
            throw new CheckValidationException(validation.Errors);
        }

        var valid = validation.Request!;
        var defaults = new RequestDefaults(_options);
        var from = ParseMailbox(defaults.FromOr(valid.From), "from");
        var recipients = valid.Recipients.Select((r, i) => ParseMailbox(r, $"to[{i}]")).ToList();
        var plan = new SessionPlan(checkId, valid, defaults.EhloNameOr(valid.EhloName), from, recipients, "", "");
        return ReadAsync(plan, cancellationToken);
    }

    /// <summary>
    /// The domain whose posture a check judges, in ASCII: the tested domain, or, when the check targets an address
    /// literal, the first recipient's domain; null when neither is a name.
    /// </summary>
    public static string? PostureDomainOf(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = new List<string?> { request.Domain };
        candidates.AddRange(request.Recipients.Select(r => r[(r.LastIndexOf('@') + 1)..]));
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrWhiteSpace(candidate) || DomainName.ParseAddressLiteral(candidate) is not null || candidate.StartsWith('['))
            {
                continue;
            }

            try
            {
                return new IdnMapping().GetAscii(candidate.Trim().TrimEnd('.')).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return null;
    }

    private static MailboxAddress ParseMailbox(string address, string field) =>
        MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox)
            ? mailbox
            : throw new CheckValidationException([new FieldError(field, "Not a valid address.")]);

    private async IAsyncEnumerable<CheckEvent> ReadAsync(SessionPlan plan, CancellationToken callerToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        var channel = Channel.CreateUnbounded<CheckEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(callerToken, enumeratorToken);
        var run = Task.Run(() => RunCheckAsync(plan, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            // Read without a token: cancellation stops the producer, which still writes the outcome.
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var e))
                {
                    yield return e;
                }
            }
        }
        finally
        {
            // The consumer stopped early (or the check ended): make sure the check stops too.
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
        }
    }

    private async Task RunCheckAsync(SessionPlan plan, ChannelWriter<CheckEvent> writer, CancellationToken stopToken)
    {
        try
        {
            await RunCheckCoreAsync(plan, writer, stopToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happens, the reader must not wait forever.
            writer.TryComplete();
        }
    }

    private async Task RunCheckCoreAsync(SessionPlan plan, ChannelWriter<CheckEvent> writer, CancellationToken stopToken)
    {
        var sink = new CheckEventSink(writer, _timeProvider);
        var progress = new CheckProgress();
        if (plan.Request.Auth is { } credentials)
        {
            SmtpAuthenticator.RegisterSecrets(sink, credentials);
        }

        var dnssec = await DnssecStatusAsync(stopToken).ConfigureAwait(false);
        var dns = new CheckDns(
            _dns,
            _dnsOptions.MaxQueriesPerCheck,
            (answer, purpose) =>
            {
                _dnssec?.Observe(answer);
                sink.Info(
                    EventKind.Dns,
                    $"{answer.Name} {answer.Type}: {answer.Describe()}{answer.DnssecNote}",
                    DnsQueryDetail.From(answer, purpose),
                    answer.Elapsed,
                    explanation: answer.Failed ? "The DNS query failed: what depends on it could not be tested." : null);
            },
            budget => sink.Info(
                EventKind.Dns,
                $"DNS budget used up: MailCheck sends at most {budget} DNS queries per check; later lookups are not sent and what depends on them is marked not tested."),
            dnssec);
        var context = new CheckContext(plan, plan.Request.Posture ? PostureDomainOf(plan.Request) : null, sink, dns, _timeProvider, progress);

        LogStarted(plan.CheckId, plan.Request.Domain, plan.Request.Mode);
        using var deadline = new CancellationTokenSource(_options.CheckTimeout, _timeProvider);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopToken);
        var postureSpent = TimeSpan.Zero;
        try
        {
            foreach (var stage in _stages)
            {
                if (stage.IsPosture)
                {
                    if (!plan.Request.Posture)
                    {
                        continue;
                    }

                    postureSpent += await RunPostureStageAsync(stage, context, postureSpent, stopToken).ConfigureAwait(false);
                }
                else if (context.Result is null)
                {
                    await RunDeliveryStageAsync(stage, context, deadline, check.Token, stopToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            sink.Info(EventKind.Error, "The check was cancelled.", host: progress.Host);
            context.Result = Stopped(CheckOutcome.Cancelled, "Cancelled", progress);
        }

        var result = context.Result ?? Stopped(CheckOutcome.Interrupted, "Interrupted: no stage decided the outcome", progress);
        sink.Info(EventKind.Outcome, result.Summary, new OutcomeDetail(result), host: result.Host);
        LogFinished(plan.CheckId, result.Outcome, result.Summary);
    }

    /// <summary>
    /// What this check may conclude about DNSSEC from the resolver (asked once per process, see <see cref="DnssecResolver"/>);
    /// null when answers are not judged. A probe that cannot finish leaves it as known so far.
    /// </summary>
    private async Task<DnssecResolverStatus?> DnssecStatusAsync(CancellationToken stopToken)
    {
        if (_dnssec is null)
        {
            return null;
        }

        try
        {
            return await _dnssec.GetStatusAsync(stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            return _dnssec.Current;
        }
#pragma warning disable CA1031 // The probe is an aid: whatever fails in it, the check goes on with what is known.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogProbeFailed(ex);
            return _dnssec.Current;
        }
    }

    /// <summary>Discovery and the conversation: under the check's deadline; a fault here decides the outcome.</summary>
    private async Task RunDeliveryStageAsync(ICheckStage stage, CheckContext context, CancellationTokenSource deadline, CancellationToken checkToken, CancellationToken stopToken)
    {
        var progress = context.Progress;
        try
        {
            await stage.RunAsync(context, checkToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stopToken.IsCancellationRequested)
        {
            var limit = SmtpConnection.Seconds(_options.CheckTimeout);
            context.Sink.Info(EventKind.Error, $"The check did not finish within {limit}.", host: progress.Host);
            context.Result = Stopped(CheckOutcome.Timeout, $"Timed out (the whole check is limited to {limit})", progress);
        }
#pragma warning disable CA1031 // The stream must end with an outcome whatever happened.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex, context.CheckId, stage.Name);
            context.Sink.Info(EventKind.Error, $"MailCheck failed unexpectedly: {ex.GetType().Name}.", host: progress.Host);
            context.Result = Stopped(CheckOutcome.Interrupted, "Interrupted by an internal error", progress);
        }
    }

    /// <summary>
    /// A posture stage: within what is left of the posture time budget; whatever goes wrong in it becomes "not tested"
    /// for its scorecard items, never the check's outcome. Returns the time it took.
    /// </summary>
    private async Task<TimeSpan> RunPostureStageAsync(ICheckStage stage, CheckContext context, TimeSpan spent, CancellationToken stopToken)
    {
        var started = _timeProvider.GetTimestamp();
        var left = _postureOptions.Timeout - spent;
        string? why = null;
        if (left <= TimeSpan.Zero)
        {
            why = $"the posture checks of one check may take {SmtpConnection.Seconds(_postureOptions.Timeout)} together, and that time was used up";
        }
        else
        {
            using var budget = new CancellationTokenSource(left, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, stopToken);
            try
            {
                await stage.RunAsync(context, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !stopToken.IsCancellationRequested)
            {
                why = $"it did not finish within the posture time budget ({SmtpConnection.Seconds(_postureOptions.Timeout)} for all posture checks)";
            }
#pragma warning disable CA1031 // Posture never ends a check: a fault is "not tested".
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(ex, context.CheckId, stage.Name);
                why = $"MailCheck failed unexpectedly ({ex.GetType().Name})";
            }
        }

        if (why is not null)
        {
            context.Info(EventKind.Error, $"The {stage.Name} check could not be completed: {why}.");
            foreach (var id in stage.ScorecardIds.Where(id => !context.Scorecard.Contains(id)))
            {
                context.Scorecard.Set(new ScorecardItem
                {
                    Id = id,
                    Area = stage.Area,
                    Status = ScoreStatus.NotTested,
                    Title = $"{stage.Name}: could not test",
                    Detail = $"Could not test: {why}.",
                });
            }
        }

        return _timeProvider.GetElapsedTime(started);
    }

    private static CheckResult Stopped(CheckOutcome outcome, string what, CheckProgress progress)
    {
        var where = progress.Where is { } described
            ? " " + described
            : progress.Host is null
            ? $" at {OutcomeText.StepName(progress.Step)}"
            : $" at {OutcomeText.StepName(progress.Step)} with {progress.Host}";
        return new CheckResult
        {
            Outcome = outcome,
            Summary = what + where,
            Step = progress.Step,
            Host = progress.Host,
            Address = progress.Address,
        };
    }

    // Start and finish are Debug here: the host (the web runner) logs the one Information event per start and finish.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Check {CheckId} started for {Domain} ({Mode})")]
    private partial void LogStarted(string checkId, string? domain, CheckMode mode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Check {CheckId} finished: {Outcome}: {Summary}")]
    private partial void LogFinished(string checkId, CheckOutcome outcome, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking the DNS resolver whether it validates DNSSEC failed")]
    private partial void LogProbeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Check {CheckId} failed unexpectedly in stage {Stage}")]
    private partial void LogFailed(Exception exception, string checkId, string stage);
}
