using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Web.Components.Pages;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Components;

/// <summary>The result page of an every-MX check: the matrix, its cells' replies, the differences, the transcript per target.</summary>
public sealed class EveryMxPageTests : ComponentTestContext
{
    private readonly string _id = CheckId.New();

    private IRenderedComponent<CheckPage> RenderStored(IReadOnlyList<CheckEvent> events, bool finished = true)
    {
        Store.Put(new StoredCheck
        {
            Id = _id,
            Domain = "example.com",
            Status = finished ? CheckStatus.Finished : CheckStatus.Running,
            Outcome = finished ? CheckOutcome.Unreachable : null,
            CreatedAt = DateTimeOffset.UtcNow,
            Request = RedactedRequest.Of(EveryMxScript.Request),
            Events = events,
        });
        return Render<CheckPage>(p => p.Add(c => c.Id, _id));
    }

    [Fact]
    public void Render_EveryMxCheck_MatrixRowPerTargetCellPerStepWithStatuses()
    {
        var cut = RenderStored(EveryMxScript.Events());

        var rows = cut.FindAll("#mx-matrix tbody tr");
        Assert.Equal(["127.0.0.2", "127.0.0.3", "::1"], rows.Select(r => r.GetAttribute("data-address")));
        Assert.Equal(["connect", "banner", "ehlo", "startTls", "certificate", "mailFrom", "rcptTo"], rows[0].QuerySelectorAll("td.mc-cell").Select(c => c.GetAttribute("data-stage")));
        Assert.All(rows[0].QuerySelectorAll("td.mc-cell"), c => Assert.Equal("pass", c.GetAttribute("data-status")));
        var startTls = rows[1].QuerySelector("td[data-stage='startTls']")!;
        Assert.Equal("warn", startTls.GetAttribute("data-status"));
        Assert.Contains("mc-cell-differs", startTls.ClassName, StringComparison.Ordinal);
        Assert.Contains("not offered", startTls.TextContent, StringComparison.Ordinal);
        Assert.Equal("fail", rows[2].QuerySelector("td[data-stage='connect']")!.GetAttribute("data-status"));
        Assert.Equal("unreachable", rows[2].QuerySelector(".mc-cell-result")!.GetAttribute("data-outcome"));
        Assert.Equal("2 of 3 targets accepted", cut.Find("#matrix-summary").TextContent);
        var aspects = cut.FindAll("#matrix-differences li[data-aspect]").Select(li => li.GetAttribute("data-aspect"));
        Assert.Equal(["outcome", "startTls", "size"], aspects);
        Assert.DoesNotContain("mc-used", cut.Find(".mc-mx").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_Cell_ShowsItsReplyAndTimeInTheLiveRegionAndAgainHidesIt()
    {
        var cut = RenderStored(EveryMxScript.Events());
        Assert.Contains("Select a cell", cut.Find("#matrix-cell-detail").TextContent, StringComparison.Ordinal);

        var banner = cut.Find("#mx-matrix tbody tr[data-target='2'] td[data-stage='banner'] button");
        Assert.Contains("220 mx2.example.com ESMTP", banner.GetAttribute("title"), StringComparison.Ordinal);
        banner.Click();

        var detail = cut.Find("#matrix-cell-detail");
        Assert.Equal("polite", detail.GetAttribute("aria-live"));
        Assert.Contains("mx2.example.com [127.0.0.3] · banner", detail.TextContent, StringComparison.Ordinal);
        Assert.Contains("took 12 ms", detail.TextContent, StringComparison.Ordinal);
        Assert.Equal("220 mx2.example.com ESMTP", cut.Find(".mc-cell-reply").TextContent);
        Assert.Equal("true", cut.Find("#mx-matrix tbody tr[data-target='2'] td[data-stage='banner'] button").GetAttribute("aria-pressed"));

        cut.Find("#mx-matrix tbody tr[data-target='2'] td[data-stage='banner'] button").Click();
        Assert.Contains("Select a cell", cut.Find("#matrix-cell-detail").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Running_PendingCellsThenFilledLive()
    {
        var all = EveryMxScript.Events();
        var cut = RenderStored([.. all.Take(3)], finished: false);

        Assert.All(cut.FindAll("#mx-matrix tbody tr[data-target='2'] td.mc-cell"), c => Assert.Equal("pending", c.GetAttribute("data-status")));
        Assert.Contains("running", cut.Find("#mx-matrix tbody tr[data-target='2'] .mc-cell-result").TextContent, StringComparison.Ordinal);

        foreach (var e in all.Skip(3))
        {
            Notifier.Publish(_id, new Web.Checks.CheckUpdate(e.Kind == EventKind.Outcome ? CheckStatus.Finished : CheckStatus.Running, e));
        }

        cut.WaitForAssertion(() => Assert.Equal("warn", cut.Find("#mx-matrix tbody tr[data-target='2'] td[data-stage='startTls']").GetAttribute("data-status")), Poll.Limit);
    }

    [Fact]
    public void Select_OneTarget_TranscriptShowsOnlyItsLinesEachTagged()
    {
        var cut = RenderStored(EveryMxScript.Events());
        Assert.Contains("[2]", cut.Find("#transcript").TextContent, StringComparison.Ordinal);

        cut.Find("#transcript-target").Change("3");

        var lines = cut.FindAll("#transcript [data-seq]");
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Contains("[3]", l.TextContent, StringComparison.Ordinal));
    }
}
