using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Posture.ReverseDns;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Posture.ReverseDns;

public class PtrStageTests
{
    private static readonly IPAddress Mx = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void Judge_NoPtr_WarnsWithFixNamingTheHost()
    {
        var item = PtrStage.Judge("mx1.example.com", "192.0.2.10", new ReverseDnsResult(Mx, [], null, null), null);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("ptr", item.Id);
        Assert.Equal("mx1.example.com [192.0.2.10]", item.Target);
        Assert.Contains("RFC 8601 §3", item.Detail, StringComparison.Ordinal);
        Assert.Contains("PTR record naming mx1.example.com", item.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PtrNotResolvingBack_WarnsNotForwardConfirmed()
    {
        var item = PtrStage.Judge("mx1.example.com", "192.0.2.10", new ReverseDnsResult(Mx, ["host-10.isp.example"], null, null), null);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("not forward-confirmed", item.Title, StringComparison.Ordinal);
        Assert.Contains("host-10.isp.example", item.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ConfirmedButBannerDiffers_PassWithInfoFinding()
    {
        var item = PtrStage.Judge("mx1.example.com", "192.0.2.10", new ReverseDnsResult(Mx, ["a.example.net"], "a.example.net", null), "mx1.example.com");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("does not match the SMTP banner", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_LookupFailed_NotTestedNeverWarn()
    {
        var item = PtrStage.Judge("mx1.example.com", "192.0.2.10", new ReverseDnsResult(Mx, [], null, "the DNS server answered SERVFAIL"), null);

        Assert.Equal(ScoreStatus.NotTested, item.Status);
    }

    [Fact]
    public async Task RunAsync_InACheck_ForwardConfirmedAndBannerMatches()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]))
            .AddPtr("2.0.0.127.in-addr.arpa", "mx1.example.com");
        h.Serve("127.0.0.2", new SmtpDialogue { Banner = "220 mx1.example.com ESMTP" });
        h.ExtraStages.Add(new PtrStage());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var ptr = Assert.IsType<PtrDetail>(Assert.Single(events, e => e.Kind == EventKind.Ptr).Detail);
        var entry = Assert.Single(ptr.Entries);
        Assert.Equal("mx1.example.com", entry.ConfirmedName);
        Assert.Equal("mx1.example.com", entry.BannerName);
        var scorecard = Assert.IsType<ScorecardDetail>(Assert.Single(events, e => e.Kind == EventKind.Scorecard).Detail);
        var item = Assert.Single(scorecard.Items);
        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.True(events.ToList().FindIndex(e => e.Kind == EventKind.Ptr) > events.ToList().FindIndex(e => e.Kind == EventKind.Banner));
    }

    [Fact]
    public async Task RunAsync_PostureOff_NoReverseDnsAndNoScorecard()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.ExtraStages.Add(new PtrStage());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe) with { Posture = false });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.DoesNotContain(events, e => e.Kind is EventKind.Ptr or EventKind.Scorecard);
        Assert.DoesNotContain(h.Dns.Queries, q => q.Type == Core.Dns.DnsRecordType.PTR);
    }
}
