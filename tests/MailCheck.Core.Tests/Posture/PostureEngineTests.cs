using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Bimi;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.TlsRpt;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Core.Tests.Posture.Dkim;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Posture;

/// <summary>The authentication posture stages inside a real check: before the conversation, on the scorecard, never the outcome.</summary>
public class PostureEngineTests
{
    private static EngineHarness Harness(params ICheckStage[] stages)
    {
        var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Dns.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com")
            .AddEmptyNonTerminal("_domainkey.example.com")
            .AddTxt("selector1._domainkey.example.com", DkimTestKeys.Record(DkimTestKeys.Rsa(2048)))
            .AddTxt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tls@example.com")
            .AddTxt("default._bimi.example.com", "v=BIMI1; l=https://images.example.com/logo.svg");
        h.ExtraStages.AddRange(stages);
        return h;
    }

    private static async Task<(List<CheckEvent> Events, ScorecardItem Item)> RunOne(ICheckStage stage, EventKind kind, string id)
    {
        await using var h = Harness(stage);
        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var step = events.FindIndex(e => e.Kind == kind);
        Assert.InRange(step, 0, events.FindIndex(e => e.Kind == EventKind.Connect));
        var scorecard = Assert.IsType<ScorecardDetail>(Assert.Single(events, e => e.Kind == EventKind.Scorecard).Detail);
        return (events, Assert.Single(scorecard.Items, i => i.Id == id));
    }

    [Fact]
    public async Task RunAsync_DmarcStage_BeforeConnectingAndOnTheScorecard()
    {
        var (_, item) = await RunOne(new DmarcStage(), EventKind.Dmarc, ScorecardIds.Dmarc);

        Assert.Equal(ScoreStatus.Pass, item.Status);
    }

    [Fact]
    public async Task RunAsync_DkimStage_BeforeConnectingAndOnTheScorecard()
    {
        var (_, item) = await RunOne(new DkimStage(), EventKind.Dkim, ScorecardIds.Dkim);

        Assert.Equal("DKIM: 1 key found (selector1)", item.Title);
    }

    [Fact]
    public async Task RunAsync_TlsRptStage_BeforeConnectingAndOnTheScorecard()
    {
        var (_, item) = await RunOne(new TlsRptStage(), EventKind.TlsRpt, ScorecardIds.TlsRpt);

        Assert.Equal(ScoreStatus.Pass, item.Status);
    }

    [Fact]
    public async Task RunAsync_BimiStage_BeforeConnectingAndOnTheScorecard()
    {
        var (_, item) = await RunOne(new BimiStage(), EventKind.Bimi, ScorecardIds.Bimi);

        Assert.Equal("BIMI: record at default._bimi.example.com", item.Title);
    }

    [Fact]
    public async Task RunAsync_AllFourInAnyRegistrationOrder_DmarcRunsBeforeBimi()
    {
        await using var h = Harness(new BimiStage(), new TlsRptStage(), new DkimStage(), new DmarcStage());

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var order = events.Where(e => e.Kind is EventKind.Dmarc or EventKind.Dkim or EventKind.TlsRpt or EventKind.Bimi).Select(e => e.Kind);
        Assert.Equal([EventKind.Dmarc, EventKind.Dkim, EventKind.TlsRpt, EventKind.Bimi], order);
        var bimi = Assert.IsType<BimiDetail>(Assert.Single(events, e => e.Kind == EventKind.Bimi).Detail);
        Assert.Contains(bimi.Items[0].Findings, f => f.Text.StartsWith("DMARC is at enforcement (p=reject", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PostureOff_NoPostureStepRuns()
    {
        await using var h = Harness(new DmarcStage(), new DkimStage(), new TlsRptStage(), new BimiStage());

        var events = await h.RunAsync(EngineHarness.Request() with { Posture = false });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.DoesNotContain(events, e => e.Kind is EventKind.Dmarc or EventKind.Dkim or EventKind.TlsRpt or EventKind.Bimi);
        Assert.DoesNotContain(h.Dns.Queries, q => q.Name.StartsWith('_') || q.Name.Contains("._", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoMailService_PostureStillJudged()
    {
        await using var h = new EngineHarness();
        h.Dns.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com");
        h.ExtraStages.Add(new DmarcStage());

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.NoMailService);
        Assert.Single(events, e => e.Kind == EventKind.Dmarc);
    }
}
