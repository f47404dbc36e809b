using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MailCheck.Web.Scale;

/// <summary>
/// <c>MailCheck:Storage:Provider=Postgres</c>: the store, the shared queue and its runner, the LISTEN connection,
/// shared rate limits and the migration lock. Registered only in that mode.
/// </summary>
public static class ScaleHostingExtensions
{
    public static IHostApplicationBuilder AddMailCheckScaleOut(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configured = builder.Configuration.GetConnectionString("MailCheck");
        services.AddSingleton(sp =>
        {
            if (string.IsNullOrWhiteSpace(configured) || configured.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) && !configured.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            {
                throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [
                    "ConnectionStrings:MailCheck must be a PostgreSQL connection string (e.g. 'Host=db;Database=mailcheck;Username=mailcheck;Password=...') when MailCheck:Storage:Provider is Postgres."]);
            }

            NpgsqlConnectionStringBuilder connection;
            try
            {
                connection = new NpgsqlConnectionStringBuilder(configured);
            }
            catch (ArgumentException ex)
            {
                throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [
                    $"ConnectionStrings:MailCheck is not a valid PostgreSQL connection string: {ex.Message}"]);
            }

            // A DBA sees which instance holds which connection (pg_stat_activity.application_name).
            if (string.IsNullOrEmpty(connection.ApplicationName))
            {
                connection.ApplicationName = $"MailCheck {sp.GetRequiredService<InstanceIdentity>().Id}";
            }

            return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        });
        services.AddDbContextFactory<PostgresMailCheckDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IDbContextFactory<MailCheckDbContext>, ProviderContextFactory<PostgresMailCheckDbContext>>();
        services.AddSingleton<IMigrationLock, PostgresMigrationLock>();

        services.AddSingleton<PostgresCheckStore>();
        services.AddSingleton<ICheckStore>(sp => sp.GetRequiredService<PostgresCheckStore>());
        services.AddSingleton<SharedCheckQueue>();
        services.AddSingleton<ICheckQueue>(sp => sp.GetRequiredService<SharedCheckQueue>());
        services.AddSingleton<SharedCheckRunner>();
        services.AddSingleton<PostgresListener>();
        services.AddSingleton<IRateLimitCounterFactory, PostgresRateLimitCounterFactory>();
        services.AddHealthChecks().AddCheck<ListenerHealthCheck>("listener", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, [Hosting.HealthEndpoints.ReadyTag]);
        return builder;
    }
}
