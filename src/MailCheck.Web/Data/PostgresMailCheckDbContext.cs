using MailCheck.Web.Checks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// The same model on PostgreSQL, with what only N instances need: who holds a check and until when (shadow columns
/// <c>Owner</c>, <c>LeaseExpiresAt</c>, <c>Pinned</c>), the shared rate-limit log and the data-protection keys.
/// Its migrations live in <c>Data/Migrations/Postgres</c>; <see cref="MailCheckDbContext"/>'s (SQLite) in
/// <c>Data/Migrations</c> (EF Core's "one context type per provider"). docs/testing.md shows how to add one.
/// </summary>
public sealed class PostgresMailCheckDbContext(DbContextOptions<PostgresMailCheckDbContext> options)
    : MailCheckDbContext(options), IDataProtectionKeyContext
{
    /// <summary>The instance that holds the check: the one running it, or (AUTH, still queued) the one that accepted it.</summary>
    public const string Owner = nameof(Owner);

    /// <summary>Unix milliseconds by the database's clock; the holder renews it, anyone records it interrupted after.</summary>
    public const string LeaseExpiresAt = nameof(LeaseExpiresAt);

    /// <summary>The check carries AUTH credentials, which live only in the memory of its <see cref="Owner"/>.</summary>
    public const string Pinned = nameof(Pinned);

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<RateLimitHit> RateLimitHits => Set<RateLimitHit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CheckRecord>(check =>
        {
            check.Property<string?>(Owner).HasMaxLength(100);
            check.Property<long?>(LeaseExpiresAt);
            check.Property<bool>(Pinned);

            // The queue: the oldest waiting check first (only the few queued rows are in this index).
            check.HasIndex([nameof(CheckRecord.CreatedAt)], "IX_Checks_Queue").HasFilter("\"Status\" = 'Queued'");

            // Lease renewal (by owner) and the expiry sweep (by time) touch unfinished rows only.
            check.HasIndex([Owner], "IX_Checks_Owner").HasFilter("\"Status\" <> 'Finished'");
            check.HasIndex([LeaseExpiresAt], "IX_Checks_Lease").HasFilter("\"Status\" <> 'Finished'");

            // History pages use the model's own indexes (CreatedAt; Outcome, CreatedAt): docs/benchmarks.md has the plans at 100 000 checks.
        });

        modelBuilder.Entity<RateLimitHit>(hit =>
        {
            hit.ToTable("RateLimitHits");
            hit.HasKey(h => h.Id);
            hit.Property(h => h.Scope).HasMaxLength(16);
            hit.Property(h => h.Key).HasMaxLength(255);
            hit.HasIndex(h => new { h.Scope, h.Key, h.At });
            hit.HasIndex(h => h.At);
        });
    }
}
