using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MailCheck.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MailCheckDbContext>
{
    public MailCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MailCheckDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
