using Microsoft.Playwright;
using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>The Blazor circuit through nginx: it must really use a WebSocket, never a silent long-polling fallback.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class ProxyTransportTests(RigFixture rig)
{
    [Fact]
    public async Task OpenHome_ThroughProxy_CircuitUsesWebSocketUnderPathBase()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);

        await home.OpenAsync();
        // Let the circuit carry a few frames (render batches) so a late fallback would show too.
        await session.Page.Locator(Selectors.Target).FillAsync("mailcheck.test");
        await Assertions.Expect(session.Page.Locator(Selectors.Submit)).ToBeEnabledAsync();

        var expectedSocket = $"wss://{rig.Settings.BaseUrl.Authority}/mailcheck/_blazor";
        Assert.True(
            session.WebSocketUrls.Any(u => u.StartsWith(expectedSocket, StringComparison.Ordinal)),
            $"no WebSocket to {expectedSocket}\n{session.Describe()}");
        Assert.True(session.WebSocketFramesReceived > 0, $"the WebSocket carried no frames\n{session.Describe()}");
        Assert.True(session.LongPollingRequests.Count == 0, $"the circuit fell back to long polling\n{session.Describe()}");
        Assert.DoesNotContain(session.ConsoleMessages, m => m.Contains("Failed to connect via WebSockets", StringComparison.OrdinalIgnoreCase));
        // Blazor's own log line (its client logs at Information by default).
        Assert.True(
            session.ConsoleMessages.Any(m => m.Contains($"WebSocket connected to {expectedSocket}", StringComparison.Ordinal)),
            $"the browser console does not say \"WebSocket connected to {expectedSocket}\"\n{session.Describe()}");
    }

    [Fact]
    public async Task OpenHome_ThroughProxy_StaticAssetsAndBaseHrefCarryPathBase()
    {
        await using var session = await rig.NewSessionAsync();
        var failed = new List<string>();
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await new HomePage(session.Page).OpenAsync();

        Assert.Equal("/mailcheck/", await session.Page.Locator("base").GetAttributeAsync("href"));
        Assert.Empty(failed);
    }
}
