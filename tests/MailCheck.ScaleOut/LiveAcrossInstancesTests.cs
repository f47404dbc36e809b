using System.Text.Json;
using MailCheck.ScaleOut.Rig;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MailCheck.ScaleOut;

/// <summary>A check submitted through one instance, watched live through the other (hub and browser).</summary>
[Collection(ScaleRigDefinition.Name)]
public sealed class LiveAcrossInstancesTests(ScaleFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task Submit_PinnedToA_WatchedOnB_HubAndBrowserSeeEveryEventOnceInOrder()
    {
        await fx.EnsureBothUpAsync();
        fx.Smtp.ReplyDelay = TimeSpan.FromMilliseconds(200);
        using var held = fx.Smtp.HoldDataReplies(); // the check waits at DATA until the viewers are there
        var recipient = CheckApi.Recipient("live");
        using var viaA = fx.Balancer(fx.A);
        using var viaB = fx.Balancer(fx.B);

        await using var browser = await fx.NewBrowserContextAsync(fx.B);
        var page = await browser.NewPageAsync();

        // With AUTH the check is pinned to the instance that accepted it (its password lives only there): it runs on A.
        var id = await CheckApi.SubmitAsync(viaA, CheckApi.Slow(recipient, fx.SlowPort, auth: true));
        await page.GotoAsync($"checks/{id}");

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(fx.Settings.BalancerUrl, "hubs/checks"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = $"{ScaleFixture.CookieName}={fx.B.Name}";
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await hub.StartAsync(timeout.Token);
        var hubItems = Task.Run(async () =>
        {
            var items = new List<JsonElement>();
            await foreach (var item in hub.StreamAsync<JsonElement>("Watch", id, timeout.Token))
            {
                items.Add(item);
            }

            return items;
        });

        await page.Locator(".mc-result[data-interactive='true']").WaitForAsync();
        var linesWhenOpened = await page.Locator("#transcript [data-seq]").CountAsync();
        var statusWhenOpened = await page.Locator(".mc-result").GetAttributeAsync("data-status");
        held.Dispose();
        await page.Locator("#status-title[data-outcome]:not([data-outcome=''])").WaitForAsync(new() { Timeout = 60_000 });

        var items = await hubItems.WaitAsync(TimeSpan.FromSeconds(60));
        var check = await CheckApi.WaitFinishedAsync(viaB, id, TimeSpan.FromSeconds(30));
        var stored = CheckApi.Seqs(check);
        output.WriteLine($"ran on {await fx.OwnerOfAsync(id)}, watched on {fx.B.Name}; {stored.Count} events; page opened with {linesWhenOpened} lines ({statusWhenOpened})");

        Assert.Equal(fx.A.Name, await fx.OwnerOfAsync(id));
        Assert.Equal("accepted", (string?)check["outcome"]);
        Assert.Equal(Enumerable.Range(1, stored.Count), stored);

        // The hub on B: every event once, in order, ending with the outcome.
        var hubSeqs = items.Select(i => i.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(stored, hubSeqs);
        Assert.Equal("outcome", items[^1].GetProperty("kind").GetString(), ignoreCase: true);

        // The page on B: it was live (opened before the end) and ends with every line once, in order.
        Assert.Equal("running", statusWhenOpened);
        Assert.True(linesWhenOpened < stored.Count, $"the page opened with {linesWhenOpened} of {stored.Count} lines: it was not live");
        var pageSeqs = await page.Locator("#transcript [data-seq]").EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.seq))");
        Assert.Equal(stored, pageSeqs);
        var cookies = await browser.CookiesAsync();
        Assert.Equal(fx.B.Name, cookies.Single(c => c.Name == ScaleFixture.CookieName).Value);

        // The server saw one session, authenticated, with one message.
        var session = Assert.Single(fx.Smtp.SessionsFor(recipient));
        Assert.True(session.Authenticated);
        Assert.Single(session.Messages);
    }
}
