using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailCheck.Benchmarks;

/// <summary>A TestSmtpServer on a loopback address and an engine pointed at it (static MX, real TCP, no DNS).</summary>
internal sealed class ProbeHarness : IAsyncDisposable
{
    public const string PlainAddress = "127.0.0.50";
    public const string TlsAddress = "127.0.0.51";

    private ProbeHarness(TestSmtpServer server, CheckEngine engine, string address)
    {
        Server = server;
        Engine = engine;
        Address = address;
    }

    public string Address { get; }

    public TestSmtpServer Server { get; }

    public CheckEngine Engine { get; }

    public static async Task<ProbeHarness> StartAsync(bool startTls)
    {
        var address = startTls ? TlsAddress : PlainAddress;
        var server = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse(address)],
            ServerName = "mx1.bench.test",
            StartTls = startTls,
        }).ConfigureAwait(false);
        var smtp = Options.Create(new SmtpOptions { EhloName = "bench.test" });
        var engine = new CheckEngine(
            [new MxStage(), new SmtpStage(new TcpConnector(), AllowAllTargetPolicy.Instance, new RemoteAddressLimiter(2), smtp, TimeProvider.System, NullLogger<SmtpStage>.Instance)],
            new LoopbackDnsQuerier(address),
            smtp,
            Options.Create(new DnsOptions()),
            Options.Create(new PostureOptions()),
            TimeProvider.System,
            NullLogger<CheckEngine>.Instance);
        return new ProbeHarness(server, engine, address);
    }

    public CheckRequest Request(TlsPolicy tls) => new()
    {
        Domain = "bench.test",
        From = "sender@bench.test",
        Recipients = ["someone@bench.test"],
        Mode = CheckMode.Probe,
        Port = Server.Port,
        Tls = tls,
        Posture = false,
    };

    /// <summary>Runs one check to its end and returns its events.</summary>
    public async Task<List<CheckEvent>> RunAsync(TlsPolicy tls)
    {
        var events = new List<CheckEvent>();
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var e in Engine.RunAsync(CheckId.New(), Request(tls), bounded.Token).ConfigureAwait(false))
        {
            events.Add(e);
        }

        var result = ((OutcomeDetail)events[^1].Detail!).Result;
        if (result.Outcome != CheckOutcome.Accepted)
        {
            throw new InvalidOperationException("The probe was not accepted: " + result.Summary);
        }

        return events;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
