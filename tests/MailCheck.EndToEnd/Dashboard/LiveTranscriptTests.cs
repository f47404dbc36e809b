using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>The live transcript against the tests' slow SMTP server, and the share link in a second browser.</summary>
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
        // before the end; a page that only renders at the end gives one.
        var countsBeforeEnd = new SortedSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await result.IsFinishedAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "the check did not finish within 90 s");
            var count = await result.Lines.CountAsync();
            if (count > 0)
            {
                countsBeforeEnd.Add(count);
            }

            await Task.Delay(100);
        }

        Assert.True(countsBeforeEnd.Count >= 4, $"lines should arrive over time; counts seen before the outcome: {string.Join(",", countsBeforeEnd)}");
        Assert.Equal("accepted", await result.WaitOutcomeAsync());
        var finalLines = await result.LineTextsAsync();
        Assert.True(finalLines.Count > countsBeforeEnd.Max, "the final transcript should hold more lines than any running snapshot");
        Assert.Contains(finalLines, l => l.Contains("250 2.0.0 Ok: queued as SLOW1", StringComparison.Ordinal));
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

        // A colleague opens the link while the check is still running (the slow server has barely begun).
        await result.Lines.First.WaitForAsync();
        await using var colleague = await rig.NewSessionAsync();
        var shared = await ResultPage.OpenAsync(colleague.Page, link);
        Assert.False(await shared.IsFinishedAsync(), "the check should still be running when the link is opened");
        var midRun = await shared.Lines.CountAsync();

        var authorOutcome = await result.WaitOutcomeAsync();
        var sharedOutcome = await shared.WaitOutcomeAsync();
        Assert.Equal("accepted", authorOutcome);
        Assert.Equal(authorOutcome, sharedOutcome);
        var authorLines = await result.LineTextsAsync();
        var sharedLines = await shared.LineTextsAsync();
        Assert.True(sharedLines.Count > midRun, "the shared page should have received live lines after it opened");
        Assert.Equal(authorLines, sharedLines); // every line once, in order

        // After completion, a third fresh browser sees the same stored transcript.
        await using var later = await rig.NewSessionAsync();
        var afterwards = await ResultPage.OpenAsync(later.Page, link);
        Assert.Equal("accepted", await afterwards.WaitOutcomeAsync());
        Assert.Equal(authorLines, await afterwards.LineTextsAsync());
    }
}
