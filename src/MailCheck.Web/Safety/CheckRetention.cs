using MailCheck.Web.Checks;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Safety;

/// <summary>
/// Deletes finished checks created before a cut-off, and their events, in one transaction. With several instances on
/// PostgreSQL one sweeps at a time (a transaction advisory lock; the others skip that round), and the shared
/// rate-limit log is trimmed too.
/// </summary>
public sealed class CheckRetention(IDbContextFactory<MailCheckDbContext> contexts)
{
    /// <summary>The advisory lock's key ("MCSweep" in ASCII).</summary>
    public const long SweepLockKey = 0x4D4353776565;

    /// <summary>Rate-limit hits older than the longest window allowed (7 days) count for nothing.</summary>
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    /// <summary>Returns how many checks were deleted (0 when another instance is sweeping now).</summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db is PostgresMailCheckDbContext shared)
        {
            var mine = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", SweepLockKey).SingleAsync(cancellationToken);
            if (!mine)
            {
                return 0;
            }

            var stale = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)LongestWindow.TotalMilliseconds;
            await shared.RateLimitHits.Where(h => h.At < stale).ExecuteDeleteAsync(cancellationToken);
        }

        var old = db.Checks.Where(c => c.CreatedAt < cutoff && c.Status == CheckStatus.Finished);
        await db.Events.Where(e => old.Any(c => c.Id == e.CheckId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await old.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
