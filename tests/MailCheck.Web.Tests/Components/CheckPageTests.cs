using MailCheck.Core.Documents;
using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Pages;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Components;

public sealed class CheckPageTests : ComponentTestContext
{
    private static readonly CheckRequest Request = new()
    {
        Domain = "example.com",
        From = "sender@example.org",
        Recipients = ["postmaster@example.com"],
    };

    private static readonly IReadOnlyList<CheckEvent> Script = ScriptedCheckEngine.Script(Request);

    private readonly string _id = CheckId.New();

    private void StoreCheck(int storedEvents)
    {
        var finished = storedEvents == Script.Count;
        Store.Put(new StoredCheck
        {
            Id = _id,
            Domain = "example.com",
            Status = finished ? CheckStatus.Finished : CheckStatus.Running,
            Outcome = finished ? CheckOutcome.Accepted : null,
            CreatedAt = DateTimeOffset.UtcNow,
            Request = RedactedRequest.Of(Request),
            Events = Script.Take(storedEvents).ToList(),
        });
    }

    private void Publish(int fromSeq, int toSeq)
    {
        foreach (var e in Script.Where(e => e.Seq >= fromSeq && e.Seq <= toSeq))
        {
            Notifier.Publish(_id, new CheckUpdate(e.Kind == EventKind.Outcome ? CheckStatus.Finished : CheckStatus.Running, e));
        }
    }

    private static List<int> RenderedSeqs(IRenderedComponent<CheckPage> cut) =>
        cut.FindAll("#transcript [data-seq]").Select(e => int.Parse(e.GetAttribute("data-seq")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void Render_FinishedCheck_ShowsEveryStoredEventOutcomeAndMxHosts()
    {
        StoreCheck(Script.Count);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        Assert.Equal(Enumerable.Range(1, Script.Count), RenderedSeqs(cut));
        Assert.Equal("accepted", cut.Find("#status-title").GetAttribute("data-outcome"));
        Assert.Contains("Accepted by mx1.example.com", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("mx2.example.com", cut.Find(".mc-mx").TextContent, StringComparison.Ordinal);
        Assert.Contains("<-", cut.Find("#transcript [data-seq='4']").TextContent, StringComparison.Ordinal);
        Assert.Contains("->", cut.Find("#transcript [data-seq='5']").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Notifier.WatcherCount(_id));
    }

    [Fact]
    public void Render_ServerReply_ExplanationIsOneClickAway()
    {
        StoreCheck(Script.Count);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        var reply = cut.Find("#transcript details[data-seq='10']");
        Assert.Contains("250 2.1.5 Ok", reply.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Status 2.1.5", reply.QuerySelector(".mc-explain")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Explanation of 250", reply.QuerySelector(".mc-explain")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_EventsPublishedAfterRender_AreAppendedInOrderUntilTheOutcome()
    {
        StoreCheck(5);
        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));
        Assert.Equal([1, 2, 3, 4, 5], RenderedSeqs(cut));
        Assert.Equal("running", cut.Find(".mc-result").GetAttribute("data-status"));

        Publish(6, 8);
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, 8), RenderedSeqs(cut)), Poll.Limit);
        Publish(9, Script.Count);

        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, Script.Count), RenderedSeqs(cut)), Poll.Limit);
        cut.WaitForAssertion(() => Assert.Equal("finished", cut.Find(".mc-result").GetAttribute("data-status")), Poll.Limit);
        Assert.Equal("accepted", cut.Find("#status-title").GetAttribute("data-outcome"));
    }

    [Fact]
    public void LateJoiner_EventsArriveLiveWhileTheStoreIsRead_SeesEachExactlyOnceInOrder()
    {
        StoreCheck(5);

        // While the page reads the store, events 3..7 are published live (3..5 are also in the store).
        Store.BeforeRead = _ => Publish(3, 7);
        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));
        Store.BeforeRead = null;

        // Then the rest, with 7 delivered twice for good measure.
        Publish(7, Script.Count);

        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, Script.Count), RenderedSeqs(cut)), Poll.Limit);
        Assert.Equal(Script.Select(e => e.Text.Split('\n')[0]), cut.FindAll("#transcript [data-seq] .mc-text").Select(e => e.TextContent.Split('\n')[0]));
    }

    [Fact]
    public void Render_RunningCheck_TranscriptIsALiveRegionWithProgress()
    {
        StoreCheck(2);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        var transcript = cut.Find("#transcript");
        Assert.Equal("log", transcript.GetAttribute("role"));
        Assert.Equal("polite", transcript.GetAttribute("aria-live"));
        Assert.Contains("Running", cut.Find("#status-title").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, Notifier.WatcherCount(_id));
    }

    [Fact]
    public void Dispose_LeavingThePage_UnsubscribesFromTheNotifier()
    {
        StoreCheck(2);
        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));
        Assert.Equal(1, Notifier.WatcherCount(_id));

        cut.Instance.Dispose();

        // The feed lets go of its subscription as its cancelled wait unwinds.
        cut.WaitForAssertion(() => Assert.Equal(0, Notifier.WatcherCount(_id)), Poll.Limit);
    }

    [Fact]
    public void Render_FinishedCheckOpenedFromItsLink_TranscriptIsNotLive()
    {
        StoreCheck(Script.Count);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        // The page's script opens every transcript at its end (the final reply and the outcome are what the colleague came
        // to see) and follows new lines only while the box says it is live: a finished check's later renders (here: the
        // copy button) leave the reader's scroll alone, with no call to the browser per render.
        Assert.Equal("false", cut.Find("#transcript").GetAttribute("data-live"));
        JSInterop.Setup<bool>("mailcheck.copy", _ => true).SetResult(true);
        cut.Find("#copy-link").Click();
        cut.WaitForAssertion(() => Assert.Contains("Link copied", cut.Find("#copy-status").TextContent, StringComparison.Ordinal), Poll.Limit);
        Assert.Equal("false", cut.Find("#transcript").GetAttribute("data-live"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "mailcheck.scrollToEnd");
    }

    [Fact]
    public void Live_OutcomeArrives_TranscriptIsLiveUntilTheBatchThatBringsTheOutcome()
    {
        StoreCheck(5);
        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));
        Publish(6, Script.Count - 1);
        cut.WaitForAssertion(() => Assert.Equal(Script.Count - 1, RenderedSeqs(cut).Count), Poll.Limit);
        Assert.Equal("true", cut.Find("#transcript").GetAttribute("data-live"));

        // The outcome line and the end of the run come in one batch: the script follows that batch once more
        // (it remembers the box was live), so the outcome scrolls into view (end-to-end: LiveTranscriptTests).
        Publish(Script.Count, Script.Count);

        cut.WaitForAssertion(() => Assert.Equal("finished", cut.Find(".mc-result").GetAttribute("data-status")), Poll.Limit);
        Assert.Equal("false", cut.Find("#transcript").GetAttribute("data-live"));
        Assert.Equal(Script.Count, RenderedSeqs(cut).Count);
    }

    [Theory]
    [InlineData(true, "Link copied to the clipboard.")]
    [InlineData(false, "Could not copy here")]
    public void Click_CopyLink_SaysWhatHappenedInAStatusRegion(bool copied, string expected)
    {
        StoreCheck(Script.Count);
        JSInterop.Setup<bool>("mailcheck.copy", _ => true).SetResult(copied);
        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));
        Assert.Equal("", cut.Find("#copy-status").TextContent);

        cut.Find("#copy-link").Click();

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find("[role='status']#copy-status").TextContent, StringComparison.Ordinal), Poll.Limit);
    }

    [Fact]
    public void Render_ShareUrl_MayWrapOnlyAfterASlashNeverInsideTheId()
    {
        StoreCheck(Script.Count);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        var url = cut.Find("a.mc-share-url");
        Assert.Equal($"http://localhost/checks/{_id}", url.TextContent);
        Assert.Equal($"http://localhost/checks/{_id}", url.GetAttribute("href"));
        Assert.Equal(_id, cut.Find(".mc-share-url .mc-share-id").TextContent);
        // Every wrap point follows a "/" ("http://" stays whole), and none is inside the id.
        Assert.All(url.QuerySelectorAll("wbr"), w => Assert.EndsWith("/", w.PreviousSibling!.TextContent, StringComparison.Ordinal));
        Assert.Equal(["http://localhost/", "checks/"], url.QuerySelectorAll("wbr").Select(w => w.PreviousSibling!.TextContent));
    }

    [Fact]
    public void Render_ServerReply_ItsQuestionMarkHasAColumnOfItsOwn()
    {
        StoreCheck(Script.Count);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        // A grid cell of the reply's summary, not the tail of its text run (where a narrow screen wrapped it alone).
        var summaries = cut.FindAll("#transcript details > summary");
        Assert.NotEmpty(summaries);
        Assert.All(summaries, s => Assert.Contains("mc-more", s.Children[^1].ClassList));
        Assert.Empty(cut.FindAll("#transcript .mc-body .mc-more"));
    }

    [Fact]
    public void Render_StepDuration_IsSetApartFromTheLineTextForScreenReaders()
    {
        StoreCheck(Script.Count);

        var cut = Render<CheckPage>(p => p.Add(c => c.Id, _id));

        // Without it a screen reader reads "...(TTL 300)4 ms" as one run-on phrase.
        var duration = cut.FindAll("#transcript [data-seq] .mc-dur")[0];
        Assert.StartsWith(" (took ", duration.TextContent, StringComparison.Ordinal);
        Assert.EndsWith(")", duration.TextContent, StringComparison.Ordinal);
    }
}
