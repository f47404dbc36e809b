using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Components.Pages;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Components;

/// <summary>"Compare with an earlier check of this domain" on the result page, and the side-by-side comparison.</summary>
public sealed class CompareTests : ComponentTestContext
{
    private static readonly CheckRequest Request = new() { Domain = "example.com", From = "sender@example.org", Recipients = ["someone@example.com"] };
    private static readonly DateTimeOffset Week = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private string Put(DateTimeOffset created, CheckOutcome outcome, string domain = "example.com", CheckRequest? request = null, params ScorecardItem[] scorecard)
    {
        var id = CheckId.New();
        var r = request ?? Request with { Domain = domain };
        var events = ScriptedCheckEngine.Script(r, outcome).ToList();
        if (scorecard.Length > 0)
        {
            var last = events[^1];
            events.Insert(events.Count - 1, last with { Seq = last.Seq, Kind = EventKind.Scorecard, Text = "Scorecard", Detail = new ScorecardDetail(scorecard, ScoreSummary.Of(scorecard)) });
            events[^1] = last with { Seq = last.Seq + 1 };
        }

        Store.Put(new StoredCheck
        {
            Id = id,
            Domain = domain,
            Status = CheckStatus.Finished,
            Outcome = outcome,
            CreatedAt = created,
            Request = RedactedRequest.Of(r),
            Events = events,
        });
        return id;
    }

    [Fact]
    public void ResultPage_EarlierChecksOfTheSameDomainOnly_NewestFirstEachLinkingToTheComparison()
    {
        var older = Put(Week, CheckOutcome.Accepted);
        var old = Put(Week.AddDays(3), CheckOutcome.Rejected);
        Put(Week.AddDays(4), CheckOutcome.Accepted, "example.org");
        Put(Week.AddDays(4), CheckOutcome.Accepted, "sub.example.com");
        var current = Put(Week.AddDays(7), CheckOutcome.Accepted);
        Put(Week.AddDays(8), CheckOutcome.Accepted);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, current));

        var links = cut.FindAll("#compare a.mc-earlier-link");
        Assert.Equal([old, older], links.Select(a => a.GetAttribute("data-compare")));
        Assert.Equal($"checks/{old}/compare/{current}", links[0].GetAttribute("href"));
        Assert.Contains("Rejected", links[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultPage_NoEarlierCheck_SaysSo()
    {
        var only = Put(Week, CheckOutcome.Accepted);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, only));

        Assert.Contains("No earlier check of example.com", cut.Find("#compare-none").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePage_TwoRuns_SidesByDateOnlyDifferencesAndEverythingElseLine()
    {
        var before = Put(Week, CheckOutcome.Accepted);
        var after = Put(Week.AddDays(7), CheckOutcome.Rejected);

        var cut = Render<ComparePage>(p => p.Add(c => c.A, after).Add(c => c.B, before));

        var sides = cut.FindAll(".mc-side");
        Assert.Contains("Before", sides[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("accepted", sides[0].QuerySelector(".mc-side-outcome")!.GetAttribute("data-outcome"));
        Assert.Equal("rejected", sides[1].QuerySelector(".mc-side-outcome")!.GetAttribute("data-outcome"));
        Assert.Equal(["outcome", "replies"], cut.FindAll("#changes section[data-area]").Select(s => s.GetAttribute("data-area")));
        var rcpt = cut.FindAll("#changes section[data-area='replies'] tr.mc-change").Single();
        Assert.Equal("RCPT TO at mx1.example.com [127.0.0.2]", rcpt.QuerySelector("th")!.TextContent);
        Assert.Equal("250 2.1.5", rcpt.QuerySelector(".mc-change-before")!.TextContent);
        Assert.Equal("550 5.1.1", rcpt.QuerySelector(".mc-change-after")!.TextContent);
        Assert.StartsWith("Everything else is the same: the MX hosts, their addresses", cut.Find("#unchanged").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mc-compare-note"));
    }

    [Fact]
    public void ComparePage_ScorecardItemWhoseStatusChanged_ListedWithBothVerdicts()
    {
        static ScorecardItem Spf(ScoreStatus status, string title) => new() { Id = ScorecardIds.Spf, Area = ScoreArea.Authentication, Status = status, Title = title };
        static ScorecardItem Dmarc() => new() { Id = ScorecardIds.Dmarc, Area = ScoreArea.Authentication, Status = ScoreStatus.Pass, Title = "DMARC: p=reject" };
        var before = Put(Week, CheckOutcome.Accepted, scorecard: [Spf(ScoreStatus.Pass, "SPF: one valid record"), Dmarc()]);
        var after = Put(Week.AddDays(7), CheckOutcome.Accepted, scorecard: [Spf(ScoreStatus.Fail, "SPF: two records"), Dmarc()]);

        var cut = Render<ComparePage>(p => p.Add(c => c.A, before).Add(c => c.B, after));

        Assert.Equal(["scorecard"], cut.FindAll("#changes section[data-area]").Select(s => s.GetAttribute("data-area")));
        var row = cut.Find("#changes section[data-area='scorecard'] tr.mc-change");
        Assert.Equal("SPF", row.QuerySelector("th")!.TextContent);
        Assert.Equal("pass — SPF: one valid record", row.QuerySelector(".mc-change-before")!.TextContent);
        Assert.Equal("fail — SPF: two records", row.QuerySelector(".mc-change-after")!.TextContent);
        Assert.Equal("SPF: pass → fail (SPF: two records)", row.GetAttribute("title"));
        Assert.Contains("Scorecard", cut.Find("#area-scorecard").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("the scorecard", cut.Find("#unchanged").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePage_DifferentDomains_ComparedButSaysSo()
    {
        var a = Put(Week, CheckOutcome.Accepted);
        var b = Put(Week.AddDays(1), CheckOutcome.Accepted, "example.org");

        var cut = Render<ComparePage>(p => p.Add(c => c.A, a).Add(c => c.B, b));

        Assert.Contains("different domains (example.com and example.org)", cut.Find(".mc-compare-note").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePage_UnknownId_NotFound()
    {
        var a = Put(Week, CheckOutcome.Accepted);

        var notFound = false;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound = true;

        var cut = Render<ComparePage>(p => p.Add(c => c.A, a).Add(c => c.B, CheckId.New()));

        Assert.True(notFound);
        Assert.Empty(cut.FindAll(".mc-compare"));
    }
}
