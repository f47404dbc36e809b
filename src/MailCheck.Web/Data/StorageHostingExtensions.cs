using MailCheck.Web.Checks;
using MailCheck.Web.Hosting;
using MailCheck.Web.Scale;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Data;

/// <summary>
/// Storage, queue and runner by <c>MailCheck:Storage:Provider</c>: SQLite with the in-process queue (the default;
/// no PostgreSQL code runs), or PostgreSQL shared by N instances (<see cref="ScaleHostingExtensions"/>).
/// </summary>
public static class StorageHostingExtensions
{
    /// <summary>The provider configured (read once, at registration).</summary>
    public static StorageProvider Provider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.Provider ?? StorageProvider.Sqlite;
    }

    public static IHostApplicationBuilder AddMailCheckStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<DatabaseMigrator>();

        if (Provider(builder.Configuration) == StorageProvider.Postgres)
        {
            builder.AddMailCheckScaleOut();
        }
        else
        {
            services.AddDbContextFactory<MailCheckDbContext>(options => options
                .UseSqlite(ResolveSqliteConnectionString(builder))
                .AddInterceptors(new SqlitePragmaInterceptor()));
            services.AddSingleton<ICheckStore, EfCheckStore>();
            services.AddSingleton<CheckQueue>();
            services.AddSingleton<ICheckQueue>(sp => sp.GetRequiredService<CheckQueue>());
            services.AddSingleton<CheckRunner>();
        }

        // Migrations and this instance's leftovers are handled before the runner starts.
        services.AddHostedService<DatabaseInitializer>();
        if (Provider(builder.Configuration) == StorageProvider.Postgres)
        {
            services.AddHostedService(sp => sp.GetRequiredService<PostgresListener>());
            services.AddHostedService(sp => sp.GetRequiredService<SharedCheckRunner>());
        }
        else
        {
            services.AddHostedService(sp => sp.GetRequiredService<CheckRunner>());
        }

        services.AddOptions<HostOptions>().Configure<IOptions<MailCheckWebOptions>>((host, web) =>
            host.ShutdownTimeout = web.Value.ShutdownGrace + TimeSpan.FromSeconds(10));
        return builder;
    }

    private static string ResolveSqliteConnectionString(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("MailCheck");
        var connection = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? WebHostingExtensions.DefaultConnectionString : configured);
        var source = connection.DataSource;
        if (!string.IsNullOrEmpty(source) && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && connection.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            connection.DataSource = path;
        }

        return connection.ToString();
    }
}
