using Bunit;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Components.Transcript;

namespace MailCheck.Web.Tests.Components;

public sealed class ScorecardPanelTests : ComponentTestContext
{
    private static readonly ScorecardItem Spf = ScorecardItem.FromFindings(
        "spf", ScoreArea.Authentication, "SPF: two records", "RFC 7208 §4.5: more than one record is a permerror.",
        [new ScoreFinding(ScoreStatus.Fail, "Two v=spf1 records (RFC 7208 §4.5).", "Merge the two SPF records into one: v=spf1 include:_spf.example.net -all")]);

    private static readonly ScorecardItem Ptr = new()
    {
        Id = "ptr",
        Area = ScoreArea.Identity,
        Status = ScoreStatus.Pass,
        Title = "192.0.2.1 → mx.example.com → 192.0.2.1",
        Detail = "Forward-confirmed (RFC 8601 §3).",
        Target = "mx.example.com [192.0.2.1]",
    };

    private static readonly ScorecardItem Dkim = new()
    {
        Id = "dkim",
        Area = ScoreArea.Authentication,
        Status = ScoreStatus.NotTested,
        Title = "DKIM: could not test",
        Detail = "Could not test: SERVFAIL.",
    };

    private static ScorecardSnapshot Snapshot(bool complete, params ScorecardItem[] items) => new(items, ScoreSummary.Of(items), complete);

    [Fact]
    public void Render_Items_GroupedByAreaProblemsOpenWithFix()
    {
        var cut = Render<ScorecardPanel>(p => p.Add(x => x.Scorecard, Snapshot(true, Spf, Ptr, Dkim)).Add(x => x.Finished, true));

        Assert.Equal(["Authentication", "Identity"], cut.FindAll("h3.mc-score-area").Select(h => h.TextContent));
        var spf = cut.Find("[data-score-id=spf]");
        Assert.Equal("fail", spf.GetAttribute("data-score-status"));
        Assert.True(spf.QuerySelector("details")!.HasAttribute("open"));
        Assert.Contains("Merge the two SPF records into one", spf.TextContent, StringComparison.Ordinal);
        Assert.False(cut.Find("[data-score-id=ptr] details").HasAttribute("open"));
        Assert.Equal("notTested", cut.Find("[data-score-id=dkim]").GetAttribute("data-score-status"));
        Assert.Contains("not tested", cut.Find("[data-score-id=dkim] summary").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 fail", cut.Find(".mc-score-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PartialWhileRunning_SaysMoreItemsToCome()
    {
        var cut = Render<ScorecardPanel>(p => p.Add(x => x.Scorecard, Snapshot(false, Ptr)).Add(x => x.Finished, false));

        Assert.Contains("more items to come", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PostureOff_SaysOnlyDeliveryWasTested()
    {
        var cut = Render<ScorecardPanel>(p => p.Add(x => x.Scorecard, null).Add(x => x.Finished, true).Add(x => x.PostureRequested, false));

        Assert.Contains("without posture", cut.Find("#scorecard-empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextWithMarkupFromTheDomain_IsTextNotMarkup_AndEachFindingKeepsItsStatusAndFix()
    {
        // An item is finished HTML (one markup frame): what a domain publishes (a TXT record, a host name) is encoded.
        var item = ScorecardItem.FromFindings(
            "mta-sts", ScoreArea.Transport, "MTA-STS <b>enforce</b>", "d",
            [new ScoreFinding(ScoreStatus.Fail, "mx: \"<img src=x>\" & more", "Publish <mx> lines"), new ScoreFinding(ScoreStatus.Pass, "id=<1>", null)]);

        var cut = Render<ScorecardPanel>(p => p.Add(x => x.Scorecard, Snapshot(true, item)).Add(x => x.Finished, true));

        var rendered = cut.Find("[data-score-id=mta-sts]");
        Assert.Equal("MTA-STS <b>enforce</b>", rendered.QuerySelector(".mc-score-title")!.TextContent);
        Assert.Empty(rendered.QuerySelectorAll("b, img"));
        var findings = rendered.QuerySelectorAll(".mc-score-findings > li");
        Assert.Equal(2, findings.Length);
        Assert.Equal("fail mx: \"<img src=x>\" & moreFix: Publish <mx> lines", findings[0].TextContent);
        Assert.Equal("pass id=<1>", findings[1].TextContent);
        Assert.True(rendered.QuerySelector("details")!.HasAttribute("open"));
    }
}
