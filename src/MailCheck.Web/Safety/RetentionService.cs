using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>
/// Deletes finished checks older than <c>MailCheck:Retention</c> (default 30 days) with their events: once when the
/// app has started (after the database is migrated), then every <c>MailCheck:RetentionSweepInterval</c>.
/// Time comes from the <see cref="TimeProvider"/>. A failed sweep is logged and tried again next time.
/// </summary>
public sealed partial class RetentionService(
    CheckRetention retention,
    IOptions<RetentionOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Raised after each sweep with the number of checks deleted.</summary>
    public event Action<int>? Swept;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Retention == TimeSpan.Zero)
        {
            LogDisabled(logger);
            return;
        }

        // Hosted services start in registration order; wait until all of them (migrations included) have started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await SweepAsync(settings.Retention, stoppingToken);
            await Task.Delay(settings.RetentionSweepInterval, time, stoppingToken);
        }
    }

    private async Task SweepAsync(TimeSpan keep, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - keep;
        var deleted = 0;
        try
        {
            deleted = await retention.DeleteFinishedBeforeAsync(cutoff, cancellationToken);
            if (deleted > 0)
            {
                LogDeleted(logger, deleted, cutoff);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }

        Swept?.Invoke(deleted);
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Retention: deleted {Count} checks created before {Cutoff}")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Retention: the sweep failed; it runs again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Retention: MailCheck:Retention is 0, checks are kept forever")]
    private static partial void LogDisabled(ILogger logger);
}
