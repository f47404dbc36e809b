using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// MailCheck's database: checks and their events. This type is the SQLite one (its migrations are in
/// <c>Data/Migrations</c>); <see cref="PostgresMailCheckDbContext"/> is the same model on PostgreSQL plus what
/// several instances share. Everything else asks for this type, whichever provider is configured.
/// </summary>
public class MailCheckDbContext : DbContext
{
    public MailCheckDbContext(DbContextOptions<MailCheckDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type (its own migrations).</summary>
    protected MailCheckDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<CheckRecord> Checks => Set<CheckRecord>();

    public DbSet<CheckEventRecord> Events => Set<CheckEventRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset; Unix milliseconds sort and compare as numbers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUnixMillisecondsConverter>();
        configurationBuilder.Properties<CheckStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CheckOutcome>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CheckMode>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EventKind>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<CheckRecord>(check =>
        {
            check.ToTable("Checks");
            check.HasKey(c => c.Id);
            check.Property(c => c.Id).HaveCheckIdShape();
            check.Property(c => c.Domain).HasMaxLength(255);
            check.Property(c => c.Summary).HasMaxLength(2000);
            check.HasIndex(c => c.CreatedAt);
            check.HasIndex(c => new { c.Domain, c.CreatedAt });
            check.HasIndex(c => new { c.Outcome, c.CreatedAt });
            check.HasIndex(c => c.Status);
            check.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CheckId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CheckEventRecord>(evt =>
        {
            evt.ToTable("CheckEvents");
            evt.HasKey(e => new { e.CheckId, e.Seq });
            evt.Property(e => e.CheckId).HaveCheckIdShape();
        });
    }
}
