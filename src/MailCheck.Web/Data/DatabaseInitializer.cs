using MailCheck.Core.Checks;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// At start-up, before the runner and before the first request: applies migrations, turns on WAL, and records
/// every check left queued or running by an earlier process as interrupted (never re-run).
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<MailCheckDbContext> contexts,
    ICheckStore store,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string InterruptedSummary = "MailCheck stopped before this check finished. It was not run again.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
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
