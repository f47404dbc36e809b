using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using MailCheck.Core.Tls;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Scripted;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Checks;

/// <summary>An engine wired to a static resolver and scripted servers on loopback.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly List<ScriptedSmtpServer> _servers = [];

    public StaticDnsQuerier Dns { get; } = new();

    /// <summary>Stages added after the default ones (discovery, conversation, scorecard), e.g. posture stages.</summary>
    public List<ICheckStage> ExtraStages { get; } = [];

    public PostureOptions Posture { get; } = new();

    public ScriptedConnector Connector { get; } = new();

    public ITargetPolicy Policy { get; set; } = AllowAllTargetPolicy.Instance;

    /// <summary>The per-address connection limit (share one between harnesses to test it across checks).</summary>
    public RemoteAddressLimiter Limiter { get; set; } = new(2);

    public SmtpOptions Options { get; } = new()
    {
        CommandTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        CheckTimeout = TimeSpan.FromSeconds(30),
        InstanceName = "tests",
    };

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Which certificates the conversation trusts (default: the system's store only).</summary>
    public CertificateTrust Trust { get; set; } = CertificateTrust.SystemOnly;

    /// <summary>The engine's DNS options (the DNSSEC trust and probe name among them).</summary>
    public DnsOptions DnsOptions { get; } = new() { TrustAuthenticatedData = "true", DnssecProbeName = "example.com" };

    /// <summary>When true the engine judges the DNSSEC state of every answer (a <see cref="DnssecResolver"/> over <see cref="Dns"/>).</summary>
    public bool JudgeDnssec { get; set; }

    public static CheckRequest Request(CheckMode mode = CheckMode.Send, TlsPolicy tls = TlsPolicy.Opportunistic) => new()
    {
        Domain = "example.com",
        From = "sender@example.org",
        Recipients = ["user@example.com"],
        Subject = "Delivery test",
        Body = "Hello.\nThis is a test.",
        Mode = mode,
        Port = 25,
        Tls = tls,
    };

    /// <summary>One MX, example.com -> mx1.example.com [127.0.0.2], served by <paramref name="dialogue"/>.</summary>
    public static EngineHarness WithOneServer(SmtpDialogue dialogue, out ScriptedSmtpServer server)
    {
        var harness = new EngineHarness();
        harness.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        server = harness.Serve("127.0.0.2", dialogue);
        return harness;
    }

    public ScriptedSmtpServer Serve(string address, SmtpDialogue dialogue) => Serve(address, ScriptedSmtpServer.Start(dialogue));

    public ScriptedSmtpServer Serve(string address, Func<ScriptedConnection, Task> script) => Serve(address, ScriptedSmtpServer.Start(script));

    public CheckEngine Engine() => new(
        [
            new MxStage(),
            new SmtpStage(Connector, Policy, Limiter, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<SmtpStage>.Instance, Trust),
            new ScorecardStage(),
            .. ExtraStages,
        ],
        Dns,
        Microsoft.Extensions.Options.Options.Create(Options),
        Microsoft.Extensions.Options.Options.Create(DnsOptions),
        Microsoft.Extensions.Options.Options.Create(Posture),
        Time,
        NullLogger<CheckEngine>.Instance,
        JudgeDnssec ? new DnssecResolver(Dns, Microsoft.Extensions.Options.Options.Create(DnsOptions), Time, NullLogger<DnssecResolver>.Instance) : null);

    /// <summary>Runs a check to its end (bounded at 30 s) and returns every event.</summary>
    public async Task<List<CheckEvent>> RunAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<CheckEvent>();
        var run = Task.Run(async () =>
        {
            await foreach (var e in Engine().RunAsync("testcheck0000000000000", request, cancellationToken))
            {
                events.Add(e);
            }
        }, CancellationToken.None);
        await run.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _servers)
        {
            await s.DisposeAsync();
        }
    }

    public ScriptedSmtpServer Serve(string address, ScriptedSmtpServer server)
    {
        _servers.Add(server);
        Connector.Route(IPAddress.Parse(address), server);
        return server;
    }
}
