using MailCheck.Core.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Data;

/// <summary>
/// At start-up, before the runner and before the first request: applies migrations (or, with
/// <c>MailCheck:Storage:MigrateAtStartup=false</c>, refuses to start while some are pending), turns on WAL (SQLite),
/// and records the checks an earlier life of this instance left queued or running as interrupted (never re-run). With
/// several instances only this instance's own checks are touched.
/// </summary>
public sealed partial class DatabaseInitializer(
    DatabaseMigrator migrator,
    ICheckStore store,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string InterruptedSummary = "MailCheck stopped before this check finished. It was not run again.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.MigrateAtStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if (await migrator.PendingAsync(cancellationToken) is { Count: > 0 } pending)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [
                $"{StorageOptions.SectionName}:MigrateAtStartup is false and {pending.Count} migrations are pending ({string.Join(", ", pending)}): "
                + "run 'dotnet MailCheck.Web.dll --migrate' with the same configuration first."]);
        }

        var interrupted = await store.InterruptUnfinishedAsync(InterruptedSummary, time.GetUtcNow(), cancellationToken);
        if (interrupted > 0)
        {
            LogInterrupted(logger, interrupted, nameof(CheckOutcome.Interrupted));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} checks left unfinished by the previous run were marked {Outcome}")]
    private static partial void LogInterrupted(ILogger logger, int count, string outcome);
}
