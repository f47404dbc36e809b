using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MailCheck.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgresMailCheckDbContext</c> build the PostgreSQL model without a
/// server (adding a migration never connects).
/// </summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresMailCheckDbContext>
{
    public PostgresMailCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMailCheckDbContext>().UseNpgsql("Host=localhost;Database=mailcheck_design").Options);
}
