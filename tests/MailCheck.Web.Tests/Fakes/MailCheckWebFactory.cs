using MailCheck.Core.Checks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailCheck.Web.Tests.Fakes;

/// <summary>
/// The web app in-process with its own temporary SQLite file. <see cref="Engine"/> replaces the check engine unless
/// <see cref="UseRealEngine"/> is set; <see cref="Settings"/> adds configuration.
/// </summary>
public sealed class MailCheckWebFactory : WebApplicationFactory<Program>
{
    public MailCheckWebFactory(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "mailcheck-web-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
    }

    public string DatabasePath { get; }

    public ScriptedCheckEngine Engine { get; } = new();

    public bool UseRealEngine { get; init; }

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every test request appears to come from this address (TestServer has none).</summary>
    public System.Net.IPAddress? RemoteIp { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:MailCheck", $"Data Source={DatabasePath}");
        builder.UseSetting("MailCheck:ShutdownGrace", "00:00:02");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (RemoteIp is not null)
        {
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter>(_ => new RemoteIpStartupFilter(RemoteIp)));
        }

        if (!UseRealEngine)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ICheckEngine>();
                services.AddSingleton<ICheckEngine>(Engine);
            });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the database files (call after disposing every factory that used them).</summary>
    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }
}
