using System.Text.Json;
using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>
/// What a new user meets in the first minute, in a real browser: typing before the page is live, a screen reader on
/// a field error, and the running header while a server keeps silent.
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class FirstMinuteTests(RigFixture rig)
{
    [Fact]
    public async Task TypeBeforeTheCircuitConnects_TextAndProbeChoiceSurvive_AndTheCheckProbes()
    {
        await using var session = await rig.NewSessionAsync();
        var page = session.Page;
        // A slow link: the circuit's negotiation is held back, so the prerendered form is on screen, takes typing,
        // and is not live yet.
        var connect = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await connect.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await route.ContinueAsync();
        });
        var home = new HomePage(page);
        await page.GotoAsync("./");

        await home.Target.PressSequentiallyAsync("postfix.test");
        await home.Mode(Selectors.ModeProbe).CheckAsync();
        await home.Recipients.PressSequentiallyAsync("early@postfix.test");
        await home.Target.ClickAsync();
        await page.Keyboard.PressAsync("End");

        // All of that happened before the circuit connected, and nothing could be submitted meanwhile.
        Assert.Equal("false", await home.Root.GetAttributeAsync("data-interactive"));
        await Assertions.Expect(home.SubmitButton).ToBeDisabledAsync();

        connect.SetResult();
        await page.Locator(Selectors.HomeInteractive).WaitForAsync();

        await Assertions.Expect(home.Target).ToHaveValueAsync("postfix.test");
        await Assertions.Expect(home.Recipients).ToHaveValueAsync("early@postfix.test");
        await Assertions.Expect(home.Mode(Selectors.ModeProbe)).ToBeCheckedAsync();
        await Assertions.Expect(home.Mode(Selectors.ModeSend)).Not.ToBeCheckedAsync();
        await Assertions.Expect(home.SubmitButton).ToHaveTextAsync("Probe");
        await Assertions.Expect(home.SubmitButton).ToBeEnabledAsync();
        // The caret is still in the field: typing goes on where it was.
        await Assertions.Expect(home.Target).ToBeFocusedAsync();

        await home.SubmitButton.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Selectors.ResultUrl(), new() { Timeout = 30_000 });
        var result = new ResultPage(page);
        await result.WaitInteractiveAsync();
        var outcome = await result.WaitOutcomeAsync();

        var transcript = await result.TranscriptTextAsync();
        Assert.True(outcome == "accepted", $"outcome {outcome}\n{transcript}\n{session.Describe()}");
        await Assertions.Expect(result.Facts).ToContainTextAsync(Selectors.ModeProbe);
        var lines = await result.ReadLinesAsync();
        Assert.Contains(lines, l => l.Mark is "->" or "~>" && l.Text.Equals("RCPT TO:<early@postfix.test>", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Mark is "->" or "~>" && l.Text.Equals("DATA", StringComparison.OrdinalIgnoreCase));
        using var client = rig.CreateHttpClient();
        var check = await new CheckApi(client).GetAsync(result.CheckId);
        Assert.Equal("probe", (string?)check["request"]?["mode"]);
        Assert.Empty(rig.Maildir.FindByCheckId(result.CheckId));
    }

    [Theory]
    [InlineData(Selectors.Target, "bad..domain")]
    [InlineData(Selectors.From, "nobody")]
    public async Task FieldError_ChromiumAccessibilityTree_DescribesTheFieldWithItsMessage(string field, string typed)
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();
        await home.Target.FillAsync("postfix.test");

        var input = session.Page.Locator(field);
        await input.FillAsync(typed);
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");

        // The message shown under the field is what Chromium hands a screen reader as the field's description.
        var message = (await home.ErrorUnder(field).InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(message));
        var node = await AccessibilityNodeAsync(session, field);
        Assert.True(node.TryGetProperty("description", out var description), $"no accessible description for {field}: {node}");
        Assert.Equal(message, description.GetProperty("value").GetString());
        Assert.Contains(node.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "invalid");
        await Assertions.Expect(input).ToHaveAccessibleErrorMessageAsync(message);
    }

    [Fact]
    public async Task RunningCheck_ServerSilentBeforeItsGreeting_HeaderTicksAndNamesTheGreeting()
    {
        // slow.test's server takes 4 s before its greeting (then the rest is quick).
        rig.SlowServer.ReplyDelay = TimeSpan.FromSeconds(4);
        try
        {
            await using var session = await rig.NewSessionAsync();
            var home = new HomePage(session.Page);
            await home.OpenAsync();
            var result = await home.SubmitAsync("slow.test", recipients: "header@slow.test", mode: Selectors.ModeProbe);

            await Assertions.Expect(result.RunningStep).ToContainTextAsync("Waiting for the greeting from mx.slow.test", new() { Timeout = 10_000 });
            var firstStep = await result.RunningStep.InnerTextAsync();
            var firstElapsed = await result.Elapsed.InnerTextAsync();
            rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(100);

            // The browser does nothing but show what the server renders: the text changes while the server is silent.
            await Assertions.Expect(result.RunningStep).Not.ToHaveTextAsync(firstStep, new() { Timeout = 3_000 });
            await Assertions.Expect(result.Elapsed).Not.ToHaveTextAsync(firstElapsed, new() { Timeout = 3_000 });
            Assert.Matches(@"^Waiting for the greeting from mx\.slow\.test… \(\d+ s\)$", firstStep.Trim());
            Assert.Equal("accepted", await result.WaitOutcomeAsync());
            await Assertions.Expect(result.Elapsed).ToHaveCountAsync(0);
        }
        finally
        {
            rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(700);
        }
    }

    [Fact]
    public async Task RunningCheck_BusyIndicator_MovesOnlyByTransformAndStandsStillForReducedMotion()
    {
        // An animation of anything but transform or opacity lays out and repaints the whole page on every frame, for as
        // long as a check runs (a receive check waits for up to 30 minutes): MudBlazor's indeterminate bar animates
        // left/right and its spinner an SVG stroke, about 9 % of a core per open page (docs/benchmarks.md, measure 5).
        rig.SlowServer.ReplyDelay = TimeSpan.FromSeconds(4);
        try
        {
            await using var session = await rig.NewSessionAsync();
            var page = session.Page;
            var home = new HomePage(page);
            await home.OpenAsync();
            var result = await home.SubmitAsync("slow.test", recipients: "motion@slow.test", mode: Selectors.ModeProbe);
            await Assertions.Expect(result.RunningStep).ToContainTextAsync("Waiting for the greeting", new() { Timeout = 10_000 });

            var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Check in progress" });
            await Assertions.Expect(bar).ToBeVisibleAsync();
            const string Animated = """
                () => document.getAnimations().map(a => ({
                  name: a.animationName ?? a.constructor.name,
                  properties: [...new Set(a.effect.getKeyframes().flatMap(k => Object.keys(k)))]
                    .filter(p => !['offset', 'computedOffset', 'easing', 'composite'].includes(p)),
                }))
                """;
            var animations = await page.EvaluateAsync<JsonElement>(Animated);
            Assert.NotEmpty(animations.EnumerateArray());
            foreach (var animation in animations.EnumerateArray())
            {
                var properties = animation.GetProperty("properties").EnumerateArray().Select(p => p.GetString()).ToList();
                Assert.True(properties.All(p => p is "transform" or "opacity"), $"{animation.GetProperty("name")} animates {string.Join(", ", properties)}");
            }

            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
            Assert.Empty((await page.EvaluateAsync<JsonElement>(Animated)).EnumerateArray());
            await Assertions.Expect(bar).ToBeVisibleAsync();
            rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(100);
            Assert.Equal("accepted", await result.WaitOutcomeAsync());
            await Assertions.Expect(bar).ToHaveCountAsync(0);
        }
        finally
        {
            rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(700);
        }
    }

    /// <summary>The node Chromium's accessibility tree has for <paramref name="selector"/> (CDP Accessibility domain).</summary>
    private static async Task<JsonElement> AccessibilityNodeAsync(BrowserSession session, string selector)
    {
        var cdp = await session.Context.NewCDPSessionAsync(session.Page);
        var document = await cdp.SendAsync("DOM.getDocument", new() { ["depth"] = 0 });
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var found = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = root, ["selector"] = selector });
        var nodeId = found!.Value.GetProperty("nodeId").GetInt32();
        var tree = await cdp.SendAsync("Accessibility.getPartialAXTree", new() { ["nodeId"] = nodeId, ["fetchRelatives"] = false });
        return tree!.Value.GetProperty("nodes")[0];
    }
}
