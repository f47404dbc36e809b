using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Posture;

/// <summary>The scorecard panel in Chromium: filled as the check runs, problems open with their fix; readable on a phone.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class ScorecardDashboardTests(RigFixture rig)
{
    private static string ScreenshotDir
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>
    /// The scorecard card as a picture for docs/screenshots: a full-page shot clipped to the card, so the fixed app bar
    /// does not cover it the way an element shot (which scrolls) would.
    /// </summary>
    private static async Task ShootAsync(IPage page, string file)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var box = await page.Locator("#scorecard").BoundingBoxAsync() ?? throw new InvalidOperationException("no scorecard on the page");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            FullPage = true,
            Path = Path.Combine(ScreenshotDir, file),
            Clip = new Clip { X = box.X, Y = box.Y, Width = box.Width, Height = box.Height },
        });
    }

    private async Task<(BrowserSession Session, ResultPage Result)> RunAsync(string domain, string theme, ViewportSize viewport)
    {
        var session = await rig.NewSessionAsync();
        await session.Context.AddCookiesAsync([new Cookie { Name = "mailcheck-theme", Value = theme, Url = rig.Settings.BaseUrl.ToString() }]);
        await session.Page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        var home = new HomePage(session.Page);
        await home.OpenAsync();
        var result = await home.SubmitAsync(domain, recipients: "posture@mailcheck.test", mode: Selectors.ModeProbe);
        await result.WaitOutcomeAsync();
        await session.Page.Locator("#scorecard [data-score-id='spf']").WaitForAsync();
        return (session, result);
    }

    [Fact]
    public async Task Result_DomainWithDefects_FailRowsOpenWithFixAndPassRowsClosed()
    {
        var (session, _) = await RunAsync("twospf.posture.test", "light", new ViewportSize { Width = 1280, Height = 900 });
        await using var _ = session;
        var page = session.Page;

        var spf = page.Locator("#scorecard [data-score-id='spf']");
        Assert.Equal("fail", await spf.GetAttributeAsync("data-score-status"));
        Assert.True(await spf.Locator("details").EvaluateAsync<bool>("d => d.open"));
        Assert.Contains("Merge", await spf.InnerTextAsync(), StringComparison.Ordinal);
        var ptr = page.Locator("#scorecard [data-score-id='ptr']").First;
        Assert.Equal("pass", await ptr.GetAttributeAsync("data-score-status"));
        Assert.False(await ptr.Locator("details").EvaluateAsync<bool>("d => d.open"));
        // A closed row opens on a click (a real disclosure, keyboard and screen-reader friendly).
        await ptr.Locator("summary").ClickAsync();
        Assert.True(await ptr.Locator("details").EvaluateAsync<bool>("d => d.open"));
        Assert.Contains("1 fail", await page.Locator(".mc-score-summary").InnerTextAsync(), StringComparison.Ordinal);
        await ShootAsync(page, "scorecard-light.png");
    }

    [Theory]
    [InlineData("dark", 1280, 900, "scorecard-dark.png")]
    [InlineData("light", 390, 844, "scorecard-phone.png")]
    public async Task Result_ThemesAndPhone_ScorecardReadsWithoutSidewaysScroll(string theme, int width, int height, string file)
    {
        var (session, _) = await RunAsync("lookups.posture.test", theme, new ViewportSize { Width = width, Height = height });
        await using var _ = session;
        var page = session.Page;

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "the page scrolls sideways at " + width + "px");
        var titles = await page.Locator("#scorecard .mc-score-title").AllInnerTextsAsync();
        Assert.NotEmpty(titles);
        await ShootAsync(page, file);
    }
}
