using System.Net;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Smtp;

namespace MailCheck.Web.Tests.Safety;

/// <summary>
/// A loopback lab: a DNS server saying <c>example.test</c>'s mail goes to <c>mx1.example.test</c> at
/// <see cref="MxAddress"/>, and a real SMTP server listening there. <see cref="Apply"/> points an app at it.
/// </summary>
public sealed class SmtpLab : IAsyncDisposable
{
    public const string Domain = "example.test";

    private SmtpLab(InProcessDnsServer dns, TestSmtpServer smtp)
    {
        Dns = dns;
        Smtp = smtp;
    }

    public static string MxAddress => "127.0.0.2";

    public InProcessDnsServer Dns { get; }

    public TestSmtpServer Smtp { get; }

    public int Port => Smtp.Port;

    public static async Task<SmtpLab> StartAsync(TestSmtpServerOptions? options = null)
    {
        var smtp = await TestSmtpServer.StartAsync(options ?? new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse(MxAddress)],
            ServerName = "mx1." + Domain,
        });
        var dns = InProcessDnsServer.Start()
            .AddMx(Domain, 10, "mx1." + Domain)
            .AddA("mx1." + Domain, MxAddress);
        return new SmtpLab(dns, smtp);
    }

    /// <summary>
    /// DNS from the lab; the lab's port allowed; loopback allowed unless <paramref name="allowLoopback"/> is false
    /// (then the safety policy's defaults stand: no special address is reachable).
    /// </summary>
    public void Apply(SafetyWebFactory factory, bool allowLoopback = true, bool allowPort = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["MailCheck:Dns:Servers:0"] = Dns.Endpoint;
        if (allowLoopback)
        {
            factory.Settings["MailCheck:Safety:AllowedNetworks:0"] = "127.0.0.0/8";
        }

        if (allowPort)
        {
            factory.Settings["MailCheck:Safety:AllowedPorts:0"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Dns.DisposeAsync();
    }
}
