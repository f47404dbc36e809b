using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>
/// The result page as it lands on a screen: on a phone (390×844) it reads top to bottom, nothing cut or broken; a
/// finished check opened from its link shows the end of its transcript, where the outcome is.
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class ResultLayoutTests(RigFixture rig)
{
    [Fact]
    public async Task Home_OnAPhone_ThePlaceholderFitsItsField()
    {
        await using var session = await rig.NewSessionAsync(RigFixture.Phone);
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var (needed, available) = await home.TargetPlaceholderFitAsync();

        Assert.True(needed <= available, $"the placeholder needs {needed:0} px but the field has {available:0} px: it is cut off");
        Assert.True(await PageWidthAsync(session.Page) <= RigFixture.Phone.Width, "the home page scrolls sideways on a phone");
    }

    [Fact]
    public async Task RunningAndFinishedCheck_OnAPhone_ReadsTopToBottomWithNothingCutOrBroken()
    {
        rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(400);
        await using var session = await rig.NewSessionAsync(RigFixture.Phone);
        var home = new HomePage(session.Page);
        await home.OpenAsync();
        var result = await home.SubmitAsync("slow.test", recipients: "phone@slow.test", subject: "MailCheck on a phone");

        // While it runs: some lines in, no outcome yet.
        await Assertions.Expect(result.Lines.Nth(5)).ToBeAttachedAsync();
        var running = await result.MeasureLayoutAsync();
        Assert.False(await result.IsFinishedAsync(), "the check should still be running");
        AssertReadsTopToBottom(running, "running");

        Assert.Equal("accepted", await result.WaitOutcomeAsync());
        AssertReadsTopToBottom(await result.MeasureLayoutAsync(), "finished");
    }

    [Fact]
    public async Task FinishedCheckOpenedFromItsLink_OnAPhoneWithLongHostNames_NothingCutOrBroken()
    {
        // The rig's own domain: the dead MX mx-dead.mailcheck.test first, then postfix with STARTTLS (a long transcript).
        var link = await FinishedSendAsync("layout-phone@mailcheck.test");
        await using var session = await rig.NewSessionAsync(RigFixture.Phone);

        var result = await ResultPage.OpenAsync(session.Page, link);
        var facts = await result.MeasureLayoutAsync();

        AssertReadsTopToBottom(facts, "finished, opened from its link");
    }

    [Fact]
    public async Task FinishedCheckOpenedFromItsLink_OnADesktop_TheTranscriptShowsItsEnd()
    {
        var link = await FinishedSendAsync("layout-desktop@mailcheck.test");
        await using var session = await rig.NewSessionAsync(new ViewportSize { Width = 1280, Height = 640 });

        var result = await ResultPage.OpenAsync(session.Page, link);
        await Assertions.Expect(result.Outcome).ToBeVisibleAsync();
        var facts = await result.MeasureLayoutAsync();

        Assert.True(facts.TranscriptScrolls, "precondition: on this screen the transcript is longer than its box");
        Assert.True(facts.TranscriptAtEnd, "the transcript box opened at its first line: the outcome is hidden below");
        Assert.True(facts.LastLineVisibleInBox, "the outcome line is not visible in the transcript box");
    }

    /// <summary>Sends through the API to postfix (via the dead first MX) and returns the finished check's link.</summary>
    private async Task<string> FinishedSendAsync(string recipient)
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { to = new[] { recipient }, mode = "send", subject = "MailCheck layout" });
        var check = await api.WaitFinishedAsync(submitted.Id, TimeSpan.FromSeconds(90));
        Assert.Equal("accepted", (string?)check["outcome"]);
        return $"checks/{submitted.Id}";
    }

    /// <summary>Every way the page fails to read top to bottom on this screen, all reported at once.</summary>
    private static void AssertReadsTopToBottom(LayoutFacts facts, string when)
    {
        var problems = new List<string>();
        if (facts.PageWidth > facts.ViewportWidth)
        {
            problems.Add($"the page is {facts.PageWidth} px wide on a {facts.ViewportWidth} px screen");
        }

        if (facts.TranscriptScrolls)
        {
            problems.Add("the transcript is a scroll box inside the scrolling page");
        }

        if (facts.CutLabels.Count > 0)
        {
            problems.Add($"timing labels cut short: {string.Join(", ", facts.CutLabels)}");
        }

        if (facts.ShareIdLines != 1)
        {
            problems.Add($"the share link's id is drawn on {facts.ShareIdLines} lines");
        }

        if (facts.LoneMarkers.Count > 0)
        {
            problems.Add($"a reply's \"?\" alone on a line after: {string.Join(" | ", facts.LoneMarkers.Select(t => t.Split('\n')[^1]))}");
        }

        Assert.True(problems.Count == 0, $"{when}: {string.Join("; ", problems)}");
    }

    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
