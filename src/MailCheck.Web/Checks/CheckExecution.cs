using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>
/// Runs one check for a runner (one process or one of several instances): engine → store (append) → notifier, and
/// makes sure the check ends with an outcome whatever happens. When the store says the check is no longer held
/// (<see cref="CheckNotHeldException"/>: another instance recorded it as interrupted after this one lost its lease)
/// it stops at once and writes nothing more.
/// </summary>
internal sealed partial class CheckExecution(ICheckEngine engine, ICheckStore store, ICheckNotifier notifier, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Runs <paramref name="check"/>; <paramref name="stop"/> ends it early (recorded as interrupted when
    /// <paramref name="shuttingDown"/> says so). When <paramref name="held"/> answers false (the lease ended) nothing
    /// more is written: the instance that records it interrupted has the last word.
    /// </summary>
    public async Task RunAsync(QueuedCheck check, bool markRunning, Func<bool> shuttingDown, CancellationToken stop, Func<bool>? held = null)
    {
        var started = time.GetUtcNow();
        var lastSeq = 0;
        var finished = false;
        var storeToken = CancellationToken.None;
        LogStarted(logger, check.Id, check.Request.Domain ?? "", check.Request.Mode);
        try
        {
            if (markRunning)
            {
                await store.MarkRunningAsync(check.Id, started, storeToken);
            }

            notifier.Publish(check.Id, new CheckUpdate(CheckStatus.Running, null) { StoredSeq = 0 });

            await foreach (var checkEvent in engine.RunAsync(check.Id, check.Request, stop))
            {
                var ev = checkEvent;
                var result = OutcomeEvents.ResultOf(ev);
                if (result is not null && stop.IsCancellationRequested && shuttingDown() && result.Outcome == CheckOutcome.Cancelled)
                {
                    // The engine was stopped by shutdown, not by a person: say so.
                    result = result with { Outcome = CheckOutcome.Interrupted, Summary = CheckRunner.ShutdownSummary };
                    ev = ev with { Text = CheckRunner.ShutdownSummary, Detail = new OutcomeDetail(result) };
                }

                if (held is not null && !held())
                {
                    throw new CheckNotHeldException(check.Id);
                }

                await store.AppendAsync(check.Id, ev, storeToken);
                lastSeq = ev.Seq;
                notifier.Publish(check.Id, new CheckUpdate(result is null ? CheckStatus.Running : CheckStatus.Finished, ev));
                if (result is not null)
                {
                    finished = true;
                    var durationMs = (long)(time.GetUtcNow() - started).TotalMilliseconds;
                    LogFinished(logger, check.Id, check.Request.Domain ?? "", result.Outcome, durationMs);
                    break;
                }
            }
        }
        catch (CheckNotHeldException)
        {
            // Leaving the loop disposed the engine's stream, which stopped the conversation.
            LogNotHeld(logger, check.Id);
            return;
        }
#pragma warning disable CA1031 // Whatever went wrong, the check must end with an outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCrashed(logger, ex, check.Id);
        }

        if (!finished)
        {
            if (held is not null && !held())
            {
                LogNotHeld(logger, check.Id);
                return;
            }

            await FinishAsync(check, lastSeq + 1, started, stop.IsCancellationRequested && shuttingDown() ? CheckRunner.ShutdownSummary : CheckRunner.CrashSummary);
        }
    }

    private async Task FinishAsync(QueuedCheck check, int seq, DateTimeOffset started, string summary)
    {
        var now = time.GetUtcNow();
        var outcomeEvent = OutcomeEvents.Create(seq, now, now - started, CheckOutcome.Interrupted, summary);
        try
        {
            await store.AppendAsync(check.Id, outcomeEvent, CancellationToken.None);
            notifier.Publish(check.Id, new CheckUpdate(CheckStatus.Finished, outcomeEvent));
            var durationMs = (long)(now - started).TotalMilliseconds;
            LogFinished(logger, check.Id, check.Request.Domain ?? "", CheckOutcome.Interrupted, durationMs);
        }
        catch (CheckNotHeldException)
        {
            LogNotHeld(logger, check.Id);
        }
#pragma warning disable CA1031 // Start-up (one process) or the lease sweep (several) records it interrupted anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCrashed(logger, ex, check.Id);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Check {CheckId} started: {Domain} ({Mode})")]
    private static partial void LogStarted(ILogger logger, string checkId, string domain, CheckMode mode);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Check {CheckId} finished: {Domain} {Outcome} in {DurationMs} ms")]
    private static partial void LogFinished(ILogger logger, string checkId, string domain, CheckOutcome outcome, long durationMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Check {CheckId} failed inside MailCheck")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string checkId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Check {CheckId} is no longer held by this instance (finished elsewhere or its lease ended): stopped without writing more")]
    private static partial void LogNotHeld(ILogger logger, string checkId);
}
