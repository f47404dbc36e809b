using System.Net;
using MailCheck.Deploy.Tests.Infrastructure;
using MailCheck.Testing;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Scripted;

namespace MailCheck.Deploy.Tests;

/// <summary>
/// One app started as the image does, behind the private nginx at https://public.example/mailcheck/, with a DNS
/// server and a scripted SMTP server on loopback for the checks it runs.
/// </summary>
public sealed class ProxiedAppFixture : IAsyncLifetime
{
    public const string Domain = "quick.test";

    private string _data = "";

    internal InProcessDnsServer Dns { get; private set; } = null!;

    internal ScriptedSmtpServer Smtp { get; private set; } = null!;

    internal RunningApp App { get; private set; } = null!;

    internal PrivateNginx Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = ScriptedSmtpServer.Start(new SmtpDialogue(), IPAddress.Loopback);
        Dns = InProcessDnsServer.Start()
            .AddMx(Domain, 10, "mx." + Domain)
            .AddA("mx." + Domain, "127.0.0.1");
        _data = ContainerRecipe.NewDataDirectory();
        App = await RunningApp.StartAsync(_data, FreePort.Tcp(), RunningApp.TestSettings(Dns.Endpoint, Smtp.EndPoint.Port));
        Nginx = await PrivateNginx.StartAsync(App.Port, RunningApp.PathBase);
    }

    /// <summary>The body of a quick check against the scripted server.</summary>
    internal object QuickCheck() => new { domain = Domain, mode = "probe", port = Smtp.EndPoint.Port };

    public async Task DisposeAsync()
    {
        // An app that died under the tests explains their failures: report how it ended.
        var died = App is not null && App.Process.HasExited
            ? $"The app exited with {App.Process.ExitCode} while the tests ran:\n{App.Process.Output}\nnginx:\n{Nginx?.ErrorLog}"
            : null;
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await Dns.DisposeAsync();
        ContainerRecipe.DeleteDataDirectory(_data);
        if (died is not null)
        {
            throw new InvalidOperationException(died);
        }
    }
}
