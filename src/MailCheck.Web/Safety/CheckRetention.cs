using MailCheck.Web.Checks;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Safety;

/// <summary>Deletes finished checks created before a cut-off, and their events, in one transaction.</summary>
public sealed class CheckRetention(IDbContextFactory<MailCheckDbContext> contexts)
{
    /// <summary>Returns how many checks were deleted.</summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = db.Checks.Where(c => c.CreatedAt < cutoff && c.Status == CheckStatus.Finished);
        await db.Events.Where(e => old.Any(c => c.Id == e.CheckId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await old.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
