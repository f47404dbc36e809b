using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// Hands out a provider's own context type (which carries that provider's migrations) wherever
/// <see cref="MailCheckDbContext"/> is asked for.
/// </summary>
public sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MailCheckDbContext>
    where TContext : MailCheckDbContext
{
    public MailCheckDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<MailCheckDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
