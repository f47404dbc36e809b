using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// Applies the configured provider's migrations (SQLite: <c>Data/Migrations</c>; PostgreSQL:
/// <c>Data/Migrations/Postgres</c>) under the <see cref="IMigrationLock"/>, if there is one: at start-up, or once by
/// <c>dotnet MailCheck.Web.dll --migrate</c>.
/// </summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<MailCheckDbContext> contexts,
    ILogger<DatabaseMigrator> logger,
    IMigrationLock? migrationLock = null)
{
    /// <summary>Applies what is pending; returns the migrations applied now (none when another instance did it first).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var held = migrationLock is null ? null : await migrationLock.AcquireAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
            LogApplied(logger, pending.Count, pending);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    /// <summary>The migrations not applied yet.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Applied {Count} database migrations: {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, IReadOnlyList<string> migrations);
}
