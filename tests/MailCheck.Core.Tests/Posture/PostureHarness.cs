using System.Threading.Channels;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Dns;
using MimeKit;

namespace MailCheck.Core.Tests.Posture;

/// <summary>
/// One posture stage run against a zone, outside the engine: a real <see cref="CheckContext"/> with the check's
/// <see cref="CheckDns"/> (budget, cache, a <c>dns</c> event per query) over a <see cref="StaticDnsQuerier"/> or any querier.
/// </summary>
internal sealed class PostureHarness
{
    private readonly Channel<CheckEvent> _channel = Channel.CreateUnbounded<CheckEvent>();

    public PostureHarness(string domain = "example.com", IReadOnlyList<string>? selectors = null, int budget = 150, IDnsQuerier? querier = null)
    {
        var sink = new CheckEventSink(_channel.Writer, TimeProvider.System);
        Dns = new CheckDns(querier ?? Zone, budget, (a, p) => sink.Info(EventKind.Dns, $"{a.Name} {a.Type}: {a.Describe()}", DnsQueryDetail.From(a, p)));
        var request = new CheckRequest
        {
            Domain = domain,
            Recipients = [$"postmaster@{domain}"],
            DkimSelectors = selectors ?? [],
            Mode = CheckMode.Probe,
        };
        var plan = new SessionPlan("posturetest00000000000", request, "mailcheck.test", new MailboxAddress("", "check@mailcheck.test"), [new MailboxAddress("", $"postmaster@{domain}")], "", "");
        Context = new CheckContext(plan, domain, sink, Dns, TimeProvider.System, new CheckProgress());
    }

    public StaticDnsQuerier Zone { get; } = new();

    public CheckDns Dns { get; }

    public CheckContext Context { get; }

    public IReadOnlyList<CheckEvent> Events => Context.Transcript;

    /// <summary>Runs the stage and returns the detail of the one event of <paramref name="kind"/> it emitted.</summary>
    public async Task<T> RunAsync<T>(ICheckStage stage, EventKind kind)
        where T : PostureDetail
    {
        await stage.RunAsync(Context, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var e = Assert.Single(Events, x => x.Kind == kind);
        return Assert.IsType<T>(e.Detail);
    }

    /// <summary>The scorecard item with this id (the only one).</summary>
    public ScorecardItem Item(string id) => Assert.Single(Context.Scorecard.Items, i => i.Id == id);
}
