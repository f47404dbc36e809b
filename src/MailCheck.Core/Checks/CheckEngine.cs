using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MailCheck.Core.Checks;

/// <summary>
/// Runs a check: MX discovery, then the SMTP conversation with the first MX address that answers, streaming every
/// step as an event. The conversation runs as a task writing to a channel, so the consumer's pace never matters
/// and the final outcome is always delivered, even after cancellation.
/// </summary>
public sealed partial class CheckEngine : ICheckEngine
{
    private readonly IMxResolver _resolver;
    private readonly IConnector _connector;
    private readonly ITargetPolicy _policy;
    private readonly SmtpOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CheckEngine> _logger;

    public CheckEngine(
        IMxResolver resolver,
        IConnector connector,
        ITargetPolicy policy,
        IOptions<SmtpOptions> options,
        TimeProvider timeProvider,
        ILogger<CheckEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _resolver = resolver;
        _connector = connector;
        _policy = policy;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public IAsyncEnumerable<CheckEvent> RunAsync(string checkId, CheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkId);
        ArgumentNullException.ThrowIfNull(request);
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
            // The consumer stopped early (or the check ended): make sure the conversation stops too.
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

        LogStarted(plan.CheckId, plan.Request.Domain, plan.Request.Mode);
        CheckResult result;
        using var deadline = new CancellationTokenSource(_options.CheckTimeout, _timeProvider);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopToken);
        try
        {
            result = await RunStepsAsync(plan, sink, progress, check.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            sink.Info(EventKind.Error, "The check was cancelled.", host: progress.Host);
            result = Stopped(CheckOutcome.Cancelled, "Cancelled", progress);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var limit = SmtpConnection.Seconds(_options.CheckTimeout);
            sink.Info(EventKind.Error, $"The check did not finish within {limit}.", host: progress.Host);
            result = Stopped(CheckOutcome.Timeout, $"Timed out (the whole check is limited to {limit})", progress);
        }
#pragma warning disable CA1031 // The stream must end with an outcome whatever happened.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(ex, plan.CheckId);
            sink.Info(EventKind.Error, $"MailCheck failed unexpectedly: {ex.GetType().Name}.", host: progress.Host);
            result = Stopped(CheckOutcome.Interrupted, "Interrupted by an internal error", progress);
        }

        sink.Info(EventKind.Outcome, result.Summary, new OutcomeDetail(result), host: result.Host);
        LogFinished(plan.CheckId, result.Outcome, result.Summary);
    }

    private static CheckResult Stopped(CheckOutcome outcome, string what, CheckProgress progress)
    {
        var where = progress.Host is null
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

    private async Task<CheckResult> RunStepsAsync(SessionPlan plan, CheckEventSink sink, CheckProgress progress, CancellationToken checkToken)
    {
        checkToken.ThrowIfCancellationRequested();
        var domain = plan.Request.Domain!;
        IReadOnlyList<MxHost> hosts;
        // The validator normalised the domain with DomainName: read an address literal the same way.
        if (DomainName.ParseAddressLiteral(domain) is { } literal)
        {
            hosts = [new MxHost(domain, 0, [new ResolvedAddress(literal.ToString(), 0)])];
            sink.Info(EventKind.Mx, $"{domain} is an address literal: no DNS lookup, connecting to {literal} directly.", new MxDetail(domain, hosts, Implicit: false));
        }
        else
        {
            var (lookup, failure) = await LookupAsync(domain, sink, progress, checkToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            hosts = lookup!.Hosts;
        }

        return await ConnectAndConverseAsync(plan, hosts, sink, progress, checkToken).ConfigureAwait(false);
    }

    private async Task<(MxLookup? Lookup, CheckResult? Failure)> LookupAsync(string domain, CheckEventSink sink, CheckProgress progress, CancellationToken checkToken)
    {
        progress.Step = EventKind.Dns;
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            var text = $"{domain} is not a valid domain name.";
            sink.Info(EventKind.Mx, text);
            return (null, new CheckResult { Outcome = CheckOutcome.NoMailService, Summary = "No mail service: " + text, Step = EventKind.Mx });
        }

        var lookup = await _resolver.LookupAsync(
            ascii,
            q => sink.Info(EventKind.Dns, $"{q.Name} {q.Type}: {q.Answer}", duration: q.Elapsed, explanation: q.Failed ? "The DNS query failed." : null),
            checkToken).ConfigureAwait(false);
        progress.Step = EventKind.Mx;
        sink.Info(EventKind.Mx, MxText.Describe(lookup), new MxDetail(lookup.Domain, lookup.Hosts, lookup.Implicit));
        return lookup.Status switch
        {
            MxLookupStatus.NullMx => (null, new CheckResult
            {
                Outcome = CheckOutcome.NoMailService,
                Summary = $"No mail service: {ascii} publishes a null MX (RFC 7505) and accepts no mail",
                Step = EventKind.Mx,
            }),
            MxLookupStatus.NoMailService => (null, new CheckResult
            {
                Outcome = CheckOutcome.NoMailService,
                Summary = $"No mail service for {ascii}: {OutcomeText.Sentence(lookup.Reason ?? "no MX and no address records")}",
                Step = EventKind.Mx,
            }),
            MxLookupStatus.Error => (null, new CheckResult
            {
                Outcome = CheckOutcome.DnsError,
                Summary = $"DNS error looking up {ascii}: {OutcomeText.Sentence(lookup.Reason ?? "the lookup failed")}",
                Step = EventKind.Dns,
            }),
            _ when lookup.Hosts.Count == 0 => (null, new CheckResult
            {
                Outcome = CheckOutcome.NoMailService,
                Summary = $"No mail service for {ascii}: no mail exchanger found",
                Step = EventKind.Mx,
            }),
            _ => (lookup, null),
        };
    }

    // Start and finish are Debug here: the host (the web runner) logs the one Information event per start and finish.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Check {CheckId} started for {Domain} ({Mode})")]
    private partial void LogStarted(string checkId, string? domain, CheckMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check {CheckId} connecting to {Host} {Address} port {Port}")]
    private partial void LogConnecting(string checkId, string host, string address, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Check {CheckId} finished: {Outcome}: {Summary}")]
    private partial void LogFinished(string checkId, CheckOutcome outcome, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Check {CheckId} failed unexpectedly")]
    private partial void LogFailed(Exception exception, string checkId);
}
