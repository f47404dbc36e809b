using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Cli.Tests.Infrastructure;

/// <summary>The MailCheck web app with the real engine on a real Kestrel port (127.0.0.1), pointed at a <see cref="MailLab"/>.</summary>
public sealed class WebApp : WebApplicationFactory<global::Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "mailcheck-cli-tests", Guid.NewGuid().ToString("N") + ".db");
    private readonly MailLab _lab;
    private readonly Dictionary<string, string> _settings;

    public WebApp(MailLab lab, Dictionary<string, string>? settings = null)
    {
        _lab = lab;
        _settings = settings ?? [];
        Directory.CreateDirectory(Path.GetDirectoryName(_database)!);
        UseKestrel(0);
    }

    /// <summary>http://127.0.0.1:PORT/ once started.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:MailCheck", $"Data Source={_database}");
        builder.UseSetting("MailCheck:ShutdownGrace", "00:00:02");
        builder.UseSetting("MailCheck:Dns:Servers:0", _lab.Dns.Endpoint);
        builder.UseSetting("MailCheck:Safety:AllowedNetworks:0", "127.0.0.0/8");
        builder.UseSetting("MailCheck:Safety:AllowedPorts:0", _lab.Port.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }
}
