using MailCheck.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Hosting;

/// <summary>
/// Data protection with persisted keys and a fixed application name (so the content root path does not matter): in a
/// folder beside the SQLite file, or (PostgreSQL, N instances) in the shared database.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "MailCheck";
    public const string KeysKey = $"{MailCheckDataProtectionOptions.SectionName}:{nameof(MailCheckDataProtectionOptions.KeysPath)}";

    public static IHostApplicationBuilder AddMailCheckDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (StorageHostingExtensions.Provider(builder.Configuration) == StorageProvider.Postgres)
        {
            // N instances: one key ring in the shared database, so a page opened through one instance keeps working
            // through another (antiforgery tokens, circuit state). MailCheck:DataProtection:KeysPath is not used.
            builder.Services.AddOptions<MailCheckDataProtectionOptions>()
                .Bind(builder.Configuration.GetSection(MailCheckDataProtectionOptions.SectionName));
            builder.Services.AddDataProtection()
                .SetApplicationName(ApplicationName)
                .PersistKeysToDbContext<PostgresMailCheckDbContext>();
            return builder;
        }

        var keys = ResolveKeysPath(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddOptions<MailCheckDataProtectionOptions>()
            .Bind(builder.Configuration.GetSection(MailCheckDataProtectionOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MailCheckDataProtectionOptions>>(new KeysDirectoryValidator(keys));
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }

    /// <summary>The key directory in force (absolute).</summary>
    public static string ResolveKeysPath(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[KeysKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        }

        var connection = configuration.GetConnectionString("MailCheck");
        var source = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connection) ? WebHostingExtensions.DefaultConnectionString : connection);
        var file = source.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || source.Mode == SqliteOpenMode.Memory
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, "data", "keys"));
        }

        var database = Path.GetFullPath(Path.Combine(contentRoot, file));
        return Path.Combine(Path.GetDirectoryName(database)!, "keys");
    }
}
