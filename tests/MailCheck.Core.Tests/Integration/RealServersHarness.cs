using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Smtp;
using MailCheck.Testing;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Integration;

/// <summary>
/// The real engine, the real <see cref="DnsClientQuerier"/> against an <see cref="InProcessDnsServer"/>, real TCP,
/// and <see cref="TestSmtpServer"/>s on 127.0.0.x addresses. Nothing is faked.
/// </summary>
internal sealed class RealServersHarness : IAsyncDisposable
{
    private readonly List<TestSmtpServer> _servers = [];

    public InProcessDnsServer Dns { get; } = InProcessDnsServer.Start();

    /// <summary>The port every SMTP server of this harness listens on (a free one, so parallel tests never meet).</summary>
    public int Port { get; private set; }

    public SmtpOptions SmtpOptions { get; } = new()
    {
        CommandTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        CheckTimeout = TimeSpan.FromSeconds(60),
        EhloName = "mailcheck.test",
        InstanceName = "integration tests",
    };

    /// <summary>Starts one SMTP server on <paramref name="addresses"/>, on <see cref="Port"/> once the first one chose it.</summary>
    public async Task<TestSmtpServer> StartSmtpAsync(TestSmtpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            Addresses = options.Addresses,
            Port = Port,
            ServerName = options.ServerName,
            StartTls = options.StartTls,
            ImplicitTls = options.ImplicitTls,
            Credentials = options.Credentials,
            Certificate = options.Certificate,
            AllowUnsecureAuthentication = options.AllowUnsecureAuthentication,
            EnhancedStatusCodes = options.EnhancedStatusCodes,
            RecipientRules = options.RecipientRules,
            SenderRules = options.SenderRules,
        });
        Port = server.Port;
        _servers.Add(server);
        return server;
    }

    public static IPAddress Ip(string address) => IPAddress.Parse(address);

    /// <summary>
    /// When set, the engine judges DNSSEC through the in-process server (on loopback, so its AD flag is trusted), asks
    /// this name whether it validates, and runs the DNSSEC and DANE stages.
    /// </summary>
    public string? DnssecProbeName { get; init; }

    public CheckEngine Engine()
    {
        var dnsOptions = Options.Create(new DnsOptions { Servers = [Dns.Endpoint], Timeout = TimeSpan.FromSeconds(2), Retries = 0, DnssecProbeName = DnssecProbeName ?? "." });
        var querier = new DnsClientQuerier(dnsOptions, TimeProvider.System);
        ICheckStage[] dnssecStages = DnssecProbeName is null ? [] : [new Core.Posture.Dnssec.DnssecStage(), new Core.Dane.DaneLookupStage(), new Core.Dane.DaneStage()];
        return new CheckEngine(
            [
                new MxStage(),
                new SmtpStage(new TcpConnector(), AllowAllTargetPolicy.Instance, new RemoteAddressLimiter(2), Options.Create(SmtpOptions), TimeProvider.System, NullLogger<SmtpStage>.Instance),
                new ScorecardStage(),
                .. dnssecStages,
            ],
            querier,
            Options.Create(SmtpOptions),
            dnsOptions,
            Options.Create(new PostureOptions()),
            TimeProvider.System,
            NullLogger<CheckEngine>.Instance,
            DnssecProbeName is null ? null : new DnssecResolver(querier, dnsOptions, TimeProvider.System, NullLogger<DnssecResolver>.Instance));
    }

    public CheckRequest Request(string recipient, CheckMode mode = CheckMode.Send, TlsPolicy tls = TlsPolicy.Opportunistic) => new()
    {
        From = "sender@mailcheck.test",
        Recipients = [recipient],
        Subject = "Integration test",
        Body = "Hello from the integration tests.\n.a line starting with a dot\n",
        Mode = mode,
        Port = Port == 0 ? FreePortNobodyListensOn() : Port,
        Tls = tls,
    };

    /// <summary>Runs a check to its end, bounded at 90 s, and returns every event.</summary>
    public async Task<(IReadOnlyList<CheckEvent> Events, CheckResult Result)> RunAsync(string checkId, CheckRequest request)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = new List<CheckEvent>();
        await foreach (var e in Engine().RunAsync(checkId, request, bounded.Token))
        {
            events.Add(e);
        }

        var outcome = Assert.IsType<OutcomeDetail>(events[^1].Detail);
        return (events, outcome.Result);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Dns.DisposeAsync();
    }

    private int FreePortNobodyListensOn()
    {
        Port = FreePort.Tcp();
        return Port;
    }
}
