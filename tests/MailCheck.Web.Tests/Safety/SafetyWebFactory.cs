using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using MailCheck.Web.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailCheck.Web.Tests.Safety;

/// <summary>
/// The web app in-process for the safety tests: its own SQLite file and log file; the real engine when
/// <see cref="UseRealEngine"/> is set (then DNS and SMTP are the loopback fixtures), otherwise a scripted one;
/// optionally a fixed client address and a fake clock.
/// </summary>
public sealed class SafetyWebFactory : WebApplicationFactory<Program>
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "mailcheck-safety-tests");

    public SafetyWebFactory()
    {
        Directory.CreateDirectory(Root);
        var name = Guid.NewGuid().ToString("N");
        DatabasePath = Path.Combine(Root, name + ".db");
        LogPath = Path.Combine(Root, name + ".log");
    }

    public string DatabasePath { get; }

    /// <summary>Every log event at every level goes here (Serilog file sink, flushed when the factory is disposed).</summary>
    public string LogPath { get; }

    public ScriptedCheckEngine Engine { get; } = new();

    public bool UseRealEngine { get; init; }

    /// <summary>With the real engine: every connection it asked for; anything outside loopback is refused unsent.</summary>
    public LoopbackOnlyConnector Connector { get; } = new();

    /// <summary>When set, every request appears to come from this address (TestServer has none).</summary>
    public IPAddress? RemoteIp { get; init; }

    /// <summary>When set, replaces the app's clock.</summary>
    public TimeProvider? Time { get; init; }

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:MailCheck", $"Data Source={DatabasePath}");
        builder.UseSetting("MailCheck:ShutdownGrace", "00:00:02");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Everything, at every level, as JSON with all properties (not only the rendered message).
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = LogPath,
            ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",

            // The file gets everything; the console (the test run's output) only warnings.
            ["MailCheck:Logging:ConsoleMinimumLevel"] = "Warning",
        }));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (RemoteIp is not null)
        {
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter>(_ => new FixedRemoteIp(RemoteIp)));
        }

        builder.ConfigureTestServices(services =>
        {
            if (!UseRealEngine)
            {
                services.RemoveAll<ICheckEngine>();
                services.AddSingleton<ICheckEngine>(Engine);
            }

            services.RemoveAll<IConnector>();
            services.AddSingleton<IConnector>(Connector);

            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Time);
            }
        });
    }

    /// <summary>Stops the app (flushing the log and closing the database) but keeps its files for inspection.</summary>
    public Task StopAppAsync() => base.DisposeAsync().AsTask();

    /// <summary>The log written so far (call <see cref="StopAppAsync"/> first to see everything).</summary>
    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", LogPath })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Gives requests a remote address ahead of the app's own middleware (forwarded headers).</summary>
    private sealed class FixedRemoteIp(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
