using System.Globalization;
using System.Net;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;

namespace MailCheck.Cli.Tests.Infrastructure;

/// <summary>
/// A small mail world on loopback for the tool: a DNS server, a real SMTP server for <c>example.test</c>
/// (mx1.example.test, 127.0.0.2, STARTTLS, AUTH alice) and scripted servers for faults, each under its own domain.
/// </summary>
public sealed class MailLab : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "s3cret-Pa55-w0rd";

    private readonly List<ScriptedSmtpServer> _scripted = [];

    public InProcessDnsServer Dns { get; } = InProcessDnsServer.Start()
        .AddMx("example.test", 10, "mx1.example.test")
        .AddA("mx1.example.test", "127.0.0.2")
        .AddNullMx("nullmx.test")
        .ServFail("broken.test")
        .AddMx("dead.test", 10, "mx.dead.test")
        .AddA("mx.dead.test", "127.0.0.9")
        .AddMx("every.test", 10, "mx1.example.test")
        .AddMx("every.test", 20, "mx.dead.test")
        .AddMx("twice.test", 10, "mx1.example.test")
        .AddMx("twice.test", 20, "mx2.twice.test")
        .AddA("mx2.twice.test", "127.0.0.2");

    public TestSmtpServer Smtp { get; private set; } = default!;

    public int Port => Smtp.Port;

    public async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse("127.0.0.2")],
            ServerName = "mx1.example.test",
            Credentials = (User, Password),
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _scripted)
        {
            await server.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await Dns.DisposeAsync();
    }

    /// <summary>A scripted server answering for <paramref name="domain"/> (MX mx.domain, 127.0.0.1).</summary>
    public ScriptedSmtpServer Scripted(string domain, SmtpDialogue dialogue)
    {
        var server = ScriptedSmtpServer.Start(dialogue);
        _scripted.Add(server);
        Dns.AddMx(domain, 10, "mx." + domain).AddA("mx." + domain, "127.0.0.1");
        return server;
    }

    /// <summary>The flags that point the tool at this lab: its DNS, loopback allowed, the server's port.</summary>
    public string[] Args(string target, int? port = null, params string[] more)
    {
        var p = (port ?? Port).ToString(CultureInfo.InvariantCulture);
        return [target, "--dns", Dns.Endpoint, "--allow-network", "127.0.0.0/8", "--allow-port", p, "--port", p, .. more];
    }
}
