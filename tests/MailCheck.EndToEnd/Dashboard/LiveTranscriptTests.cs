using Microsoft.Playwright;
using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>The live transcript against the tests' slow SMTP server, and the share link in other browsers.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class LiveTranscriptTests(RigFixture rig)
{
    [Fact]
    public async Task SubmitForm_SlowServer_TranscriptLinesArriveOneAfterAnother()
    {
        rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(700);
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("slow.test", recipients: "live@slow.test");

        // Sample the number of lines until the outcome shows: streamed lines give many distinct counts
        // before the end; a page that renders only at the end (or only on reload) gives one or none.
        var countsBeforeEnd = new SortedSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the check did not finish within 90 s");
            var (count, finished) = await result.SnapshotAsync();
            if (finished)
            {
                break;
            }

            if (count > 0)
            {
                countsBeforeEnd.Add(count);
            }

            await Task.Delay(100);
        }

        Assert.True(countsBeforeEnd.Count >= 4, $"lines should arrive over time; line counts seen before the outcome: {string.Join(",", countsBeforeEnd)}");
        Assert.Equal("accepted", await result.WaitOutcomeAsync());
        var lines = await result.ReadLinesAsync();
        Assert.True(lines.Count > countsBeforeEnd.Max, "the final transcript should hold more lines than any running snapshot");
        Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.Seq)); // every event once, in order
        Assert.Contains(lines, l => l.Mark == "<-" && l.Text.StartsWith("250 2.0.0 Ok: queued as SLOW1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiveCheck_LinesOverflowTheBox_BoxFollowsThemToTheOutcome_UnlessTheReaderScrolledUp()
    {
        // A low window: the transcript box (65 % of it) is full after a few lines, and the slow server's replies keep
        // coming. The page's script follows each batch of new lines while the box says the check runs, and the batch
        // that brings the outcome once more; a reader who scrolled up keeps their place.
        const string BoxAtEnd = "() => { const b = document.getElementById('transcript'); return b.scrollHeight > b.clientHeight + 1 && b.scrollTop + b.clientHeight >= b.scrollHeight - 2; }";
        rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(900);
        await using var follower = await rig.NewSessionAsync(new ViewportSize { Width = 1280, Height = 360 });
        var home = new HomePage(follower.Page);
        await home.OpenAsync();
        var result = await home.SubmitAsync("slow.test", recipients: "follow@slow.test");
        await Assertions.Expect(result.Lines.Nth(12)).ToBeAttachedAsync(new() { Timeout = 60_000 });
        Assert.False(await result.SnapshotAsync() is (_, true), "the check finished before the box filled: nothing live to follow");
        await follower.Page.WaitForFunctionAsync(BoxAtEnd, null, new() { Timeout = 10_000 });

        // A second viewer of the same run scrolls to its top to read: new lines must not pull them down.
        await using var reader = await rig.NewSessionAsync(new ViewportSize { Width = 1280, Height = 360 });
        await reader.Page.GotoAsync(follower.Page.Url);
        var readerResult = new ResultPage(reader.Page);
        // The live page, not the prerendered one it replaces (a new box: scrolling the old one would be lost).
        await Assertions.Expect(reader.Page.Locator(".mc-result[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        await reader.Page.WaitForFunctionAsync(BoxAtEnd, null, new() { Timeout = 10_000 });
        await reader.Page.EvaluateAsync("() => { const b = document.getElementById('transcript'); b.scrollTop = 0; b.dispatchEvent(new Event('scroll')); }");
        var (linesWhenScrolled, finishedWhenScrolled) = await readerResult.SnapshotAsync();
        Assert.False(finishedWhenScrolled, "the check finished before the reader scrolled up: nothing left to pull them down");

        Assert.Equal("accepted", await result.WaitOutcomeAsync());
        Assert.Equal("accepted", await readerResult.WaitOutcomeAsync());
        Assert.True(await follower.Page.EvaluateAsync<bool>(BoxAtEnd), "the follower's box did not show the outcome line");
        Assert.True((await readerResult.ReadLinesAsync()).Count > linesWhenScrolled, "no line arrived after the reader scrolled up");
        Assert.Equal(0, await reader.Page.EvaluateAsync<int>("() => document.getElementById('transcript').scrollTop"));
    }

    [Fact]
    public async Task ShareLink_OpenedInFreshContextMidRunAndAfter_ShowsSameTranscript()
    {
        rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(1200);
        await using var author = await rig.NewSessionAsync();
        var home = new HomePage(author.Page);
        await home.OpenAsync();
        var result = await home.SubmitAsync("slow.test", recipients: "share@slow.test");
        var link = author.Page.Url;

        // A colleague (a fresh context: no cookies, no circuit) opens the link while the slow server is still talking.
        await result.Lines.First.WaitForAsync();
        await using var colleague = await rig.NewSessionAsync();
        var shared = await ResultPage.OpenAsync(colleague.Page, link);
        Assert.False(await shared.IsFinishedAsync(), "the check should still be running when the link is opened");
        var midRun = await shared.Lines.CountAsync();

        var authorOutcome = await result.WaitOutcomeAsync();
        var sharedOutcome = await shared.WaitOutcomeAsync();
        Assert.Equal("accepted", authorOutcome);
        Assert.Equal(authorOutcome, sharedOutcome);
        var authorLines = await result.ReadLinesAsync();
        var sharedLines = await shared.ReadLinesAsync();
        Assert.True(sharedLines.Count > midRun, $"the shared page should have received live lines after it opened ({midRun} then {sharedLines.Count})");
        Assert.Equal(authorLines, sharedLines); // the same lines, each once, in order

        // After completion, another fresh browser sees the same stored transcript.
        await using var later = await rig.NewSessionAsync();
        var afterwards = await ResultPage.OpenAsync(later.Page, link);
        Assert.Equal("accepted", await afterwards.WaitOutcomeAsync());
        Assert.Equal(authorLines, await afterwards.ReadLinesAsync());
    }
}
