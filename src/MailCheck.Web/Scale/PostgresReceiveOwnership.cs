using MailCheck.Web.Data;
using MailCheck.Web.Receive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Scale;

/// <summary>
/// PostgreSQL: the instance whose listener holds a receive check becomes its owner with a lease (renewed by its
/// heartbeat like any check it runs), so its appends pass <see cref="PostgresCheckStore"/>'s holder rule; releasing
/// clears both, and the check waits for any instance again. A waiting receive check has no owner and no lease, so the
/// expiry sweep of issue 14 never touches it.
/// </summary>
public sealed class PostgresReceiveOwnership(IDbContextFactory<MailCheckDbContext> contexts, InstanceIdentity instance, IOptions<ScaleOptions> scale) : IReceiveCheckOwnership
{
    private const string Owner = PostgresMailCheckDbContext.Owner;
    private const string Lease = PostgresMailCheckDbContext.LeaseExpiresAt;

    public async Task TakeAsync(string checkId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE \"Checks\" SET \"{Owner}\" = {{0}}, \"{Lease}\" = {DbClock.NowMs} + {{1}} WHERE \"Id\" = {{2}} AND \"Status\" = 'Running'",
            [instance.Id, (long)scale.Value.Lease.TotalMilliseconds, checkId],
            cancellationToken);
    }

    public async Task ReleaseAsync(string checkId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE \"Checks\" SET \"{Owner}\" = NULL, \"{Lease}\" = NULL WHERE \"Id\" = {{0}} AND \"{Owner}\" = {{1}} AND \"Status\" = 'Running'",
            [checkId, instance.Id],
            cancellationToken);
    }
}
