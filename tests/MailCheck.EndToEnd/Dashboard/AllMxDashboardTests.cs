using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>
/// Every MX at once in Chromium: the form's switch, the matrix of allmx.test with its differences, a cell's reply on
/// click and on a tap on a phone, and the comparison with an earlier check from the result page. With
/// MAILCHECK_E2E_SCREENSHOTS set to a folder, the views are saved there (light, dark, phone) for docs/screenshots.
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class AllMxDashboardTests(RigFixture rig)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task EveryMxFromTheForm_MatrixShowsEachHostsDifferencesAndACellsReply()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        await session.Page.Locator(Selectors.Target).FillAsync(AllMxServers.Domain);
        await session.Page.GetByText("Test every MX host and address at once").ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Radio, new() { Name = Selectors.ModeProbe })).ToBeCheckedAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Radio, new() { Name = Selectors.ModeSend })).ToBeDisabledAsync();
        await Assertions.Expect(session.Page.Locator(Selectors.Submit)).ToHaveTextAsync("Probe every MX");
        await session.Page.SetViewportSizeAsync(1280, 1400);
        await Screenshots.SaveAsync(session.Page, "home-every-mx", session.Page.Locator(".mc-home"));
        await session.Page.Locator(Selectors.Submit).ClickAsync();
        await Assertions.Expect(session.Page).ToHaveURLAsync(Selectors.ResultUrl(), new() { Timeout = 30_000 });
        var result = new ResultPage(session.Page);
        await result.WaitInteractiveAsync();
        var outcome = await result.WaitOutcomeAsync();

        var matrix = new MatrixPanel(session.Page);
        Assert.True(outcome == "unreachable", $"outcome {outcome}\n{await result.TranscriptTextAsync()}\n{session.Describe()}");
        await Assertions.Expect(matrix.Rows).ToHaveCountAsync(5);
        Assert.Equal("accepted", await matrix.OutcomeAsync("127.0.0.61"));
        Assert.Equal("unreachable", await matrix.OutcomeAsync("::1"));
        Assert.Equal("warn", await matrix.StatusAsync("127.0.0.62", "startTls"));
        Assert.Equal("fail", await matrix.StatusAsync(AllMxServers.DeadAddress, "connect"));
        Assert.Equal("fail", await matrix.StatusAsync("127.0.0.63", "certificate"));
        Assert.Contains("mc-cell-differs", await matrix.Cell("127.0.0.62", "startTls").GetAttributeAsync("class"), StringComparison.Ordinal);
        Assert.Equal(
            ["outcome", "startTls", "certificate", "size", "banner"],
            await matrix.Differences.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-aspect'))"));

        await matrix.Cell("127.0.0.62", "startTls").Locator("button").ClickAsync();
        await Assertions.Expect(matrix.Detail).ToContainTextAsync("does not offer STARTTLS (RFC 3207 §4)");
        await Assertions.Expect(matrix.Cell("127.0.0.62", "startTls").Locator("button")).ToHaveAttributeAsync("aria-pressed", "true");
        // Hover shows the same reply (the cell's title).
        Assert.Contains("220 mx2.allmx.test ESMTP Exim", await matrix.Cell("127.0.0.62", "banner").Locator("button").GetAttributeAsync("title"), StringComparison.Ordinal);

        // The transcript can be read one target at a time.
        var backup = await session.Page.Locator("#mx-matrix tbody tr[data-address='127.0.0.62']").GetAttributeAsync("data-target");
        await session.Page.Locator("#transcript-target").SelectOptionAsync(backup!);
        // The choice goes to the server and the filtered transcript comes back in a render: wait for it, then read.
        await Assertions.Expect(session.Page.Locator("#transcript [data-seq]", new() { HasText = "mx1.allmx.test" })).ToHaveCountAsync(0);
        var lines = await result.ReadLinesAsync();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.DoesNotContain("mx1.allmx.test", l.Text, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("220 mx2.allmx.test ESMTP Exim", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryMxOnAPhone_NoSidewaysPageScrollAndATapShowsTheReply()
    {
        var id = await SubmitAsync(new { domain = AllMxServers.Domain, scope = "all" });
        await using var session = await rig.NewSessionAsync(RigFixture.Phone);

        var result = await ResultPage.OpenAsync(session.Page, $"checks/{id}");
        await result.WaitOutcomeAsync();
        var matrix = new MatrixPanel(session.Page);
        await matrix.Cell("127.0.0.63", "certificate").Locator("button").TapAsync();

        await Assertions.Expect(matrix.Detail).ToContainTextAsync("expired");
        Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways on a phone");
        Assert.True(await session.Page.EvaluateAsync<bool>("() => { const r = document.querySelector('.mc-matrix-scroll'); return r.scrollWidth > r.clientWidth; }"), "the matrix should scroll inside its own region");
        await Screenshots.SaveAsync(session.Page, "matrix-phone", session.Page.Locator("#matrix .mc-matrix-scroll"), scrollTo: true);
    }

    [Fact]
    public async Task CompareFromTheResultPage_EarlierCheckOpensTheSideBySideView()
    {
        var earlier = await SubmitAsync(new { domain = AllMxServers.Domain, mode = "probe" });
        var later = await SubmitAsync(new { domain = AllMxServers.Domain, scope = "all" });
        await using var session = await rig.NewSessionAsync();
        var result = await ResultPage.OpenAsync(session.Page, $"checks/{later}");

        await session.Page.Locator($"#compare a[data-compare='{earlier}']").ClickAsync();
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/checks/{earlier}/compare/{later}$"));
        var compare = new ComparePage(session.Page);
        await compare.WaitInteractiveAsync();

        var areas = await compare.Areas.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-area'))");
        Assert.Contains("outcome", areas);
        Assert.Contains("replies", areas);
        Assert.DoesNotContain("mx", areas);
        await Assertions.Expect(session.Page.Locator(".mc-side-before .mc-side-outcome")).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(session.Page.Locator(".mc-side-after .mc-side-outcome")).ToHaveAttributeAsync("data-outcome", "unreachable");
        await Assertions.Expect(session.Page.Locator(".mc-compare-note")).ToContainTextAsync("probe and probe of every MX");
        await Assertions.Expect(compare.Unchanged).ToContainTextAsync("Everything else is the same: the MX hosts, their addresses");
    }

    [Fact]
    public async Task MatrixAndCompare_DarkAndPhone_RenderWithoutSidewaysScroll()
    {
        var earlier = await SubmitAsync(new { domain = AllMxServers.Domain, scope = "all", mode = "connect" });
        var later = await SubmitAsync(new { domain = AllMxServers.Domain, scope = "all" });
        foreach (var (dark, phone) in new[] { (false, false), (true, false), (true, true), (false, true) })
        {
            await using var session = await rig.NewSessionAsync(phone ? RigFixture.Phone : null, dark);
            if (!phone)
            {
                // Tall enough that the views fit without scrolling (the app bar is fixed).
                await session.Page.SetViewportSizeAsync(1360, 2000);
            }

            var result = await ResultPage.OpenAsync(session.Page, $"checks/{later}");
            await result.WaitOutcomeAsync();
            Assert.Equal(dark, await session.Page.EvaluateAsync<bool>("() => document.body.classList.contains('mc-dark')"));
            await new MatrixPanel(session.Page).Cell("127.0.0.62", "startTls").Locator("button").ClickAsync();
            var theme = dark ? "dark" : "light";
            if (!phone)
            {
                await Screenshots.SaveAsync(session.Page, $"matrix-{theme}", session.Page.Locator("#matrix"));
            }

            await session.Page.GotoAsync($"checks/{earlier}/compare/{later}");
            await new ComparePage(session.Page).WaitInteractiveAsync();
            Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"the comparison scrolls sideways ({theme}, phone {phone})");
            if (phone)
            {
                await Screenshots.SaveAsync(session.Page, dark ? "compare-phone-dark" : "compare-phone");
            }
            else
            {
                await Screenshots.SaveAsync(session.Page, $"compare-{theme}", session.Page.Locator(".mc-compare"));
            }
        }
    }

    private async Task<string> SubmitAsync(object request)
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(request);
        await api.WaitFinishedAsync(submitted.Id, CheckTimeout);
        return submitted.Id;
    }
}
