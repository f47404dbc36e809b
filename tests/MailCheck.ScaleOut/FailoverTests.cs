using System.Diagnostics;
using System.Text.Json.Nodes;
using MailCheck.ScaleOut.Rig;
using Npgsql;
using Xunit.Abstractions;

namespace MailCheck.ScaleOut;

/// <summary>Instances dying (kill -9) and stopping (SIGTERM) while they hold checks, and pages open on them.</summary>
[Collection(ScaleRigDefinition.Name)]
public sealed class FailoverTests(ScaleFixture fx, ITestOutputHelper output)
{
    /// <summary>The defaults the instances run with (MailCheck:Scale:Lease and :Heartbeat).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task KillMinus9_InstanceRunningASlowCheck_InterruptedWithinTheLeaseAndNeverSentTwice()
    {
        await fx.EnsureBothUpAsync();
        fx.Smtp.ReplyDelay = TimeSpan.FromMilliseconds(1500);
        var recipient = CheckApi.Recipient("kill");
        using var balancer = fx.Balancer();
        var id = await CheckApi.SubmitAsync(balancer, CheckApi.Slow(recipient, fx.SlowPort));

        // Mid-conversation (RCPT TO reached, DATA not yet): kill whichever instance runs it.
        await Poll(() => fx.Smtp.SessionsFor(recipient).Count == 1, TimeSpan.FromSeconds(40), "the check to reach RCPT TO");
        var victim = fx.ByName(await fx.OwnerOfAsync(id) ?? throw new InvalidOperationException("no owner"));
        var survivor = fx.Other(victim);
        var clock = Stopwatch.StartNew();
        await victim.KillAsync();

        var check = await CheckApi.WaitFinishedAsync(survivor.Client, id, Lease + Heartbeat * 4);
        var recordedAfter = clock.Elapsed;
        output.WriteLine($"{victim.Name} killed while running {id}; {survivor.Name} recorded it interrupted {recordedAfter.TotalSeconds:0.0} s later (lease {Lease.TotalSeconds:0} s, heartbeat {Heartbeat.TotalSeconds:0} s)");

        Assert.Equal("interrupted", (string?)check["outcome"]);
        Assert.Contains($"MailCheck instance {victim.Name} stopped answering", (string?)check["summary"], StringComparison.Ordinal);
        Assert.True(recordedAfter <= Lease + Heartbeat + TimeSpan.FromSeconds(5), $"recorded after {recordedAfter}, more than a lease and a heartbeat");
        var seqs = CheckApi.Seqs(check);
        Assert.Equal(Enumerable.Range(1, seqs.Count), seqs);

        // Never queued again: after a few more heartbeats the server still saw exactly one session, and no message.
        await Task.Delay(Heartbeat * 2);
        var session = Assert.Single(fx.Smtp.SessionsFor(recipient));
        Assert.Empty(session.Messages);
        Assert.Single(fx.Smtp.LogLines($"RCPT TO:<{recipient}>"));
        Assert.Empty(fx.Smtp.LogLines($"X-MailCheck-Check: {id}"));
        Assert.Equal("interrupted", (string?)(await CheckApi.GetAsync(survivor.Client, id))["outcome"]);
    }

    [Fact]
    public async Task Sigterm_InstanceWithQueuedChecks_UnpinnedOnesFinishOnTheOther()
    {
        await fx.EnsureBothUpAsync();
        fx.Smtp.ReplyDelay = TimeSpan.FromMilliseconds(400);
        var stopping = fx.A;
        var other = fx.B;

        // Two slots per instance: six free checks and one with AUTH (pinned to A) fill both and leave some queued.
        var free = new List<(string Id, string Recipient)>();
        for (var i = 0; i < 6; i++)
        {
            var recipient = CheckApi.Recipient($"term{i}");
            free.Add((await CheckApi.SubmitAsync(stopping.Client, CheckApi.Slow(recipient, fx.SlowPort)), recipient));
        }

        var pinnedRecipient = CheckApi.Recipient("termauth");
        var pinned = await CheckApi.SubmitAsync(stopping.Client, CheckApi.Slow(pinnedRecipient, fx.SlowPort, auth: true));

        var exited = stopping.TerminateAsync();

        // Once its readiness says "shutting down" it takes nothing more (its two slots are busy meanwhile).
        await PollAsync(async () => (await stopping.ReadinessAsync()).Status == System.Net.HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "readiness to fail");
        var queuedAtStop = await StatusesAsync("Queued", free.Select(f => f.Id).Append(pinned));
        output.WriteLine($"SIGTERM to {stopping.Name}; queued then: {string.Join(", ", queuedAtStop)}");
        Assert.Contains(queuedAtStop, id => id != pinned);

        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in free.Select(f => f.Id).Append(pinned))
        {
            results[id] = await CheckApi.WaitFinishedAsync(other.Client, id, TimeSpan.FromSeconds(90));
        }

        await exited.WaitAsync(TimeSpan.FromSeconds(40));

        foreach (var (id, recipient) in free)
        {
            Assert.Equal("accepted", (string?)results[id]["outcome"]);
            var session = Assert.Single(fx.Smtp.SessionsFor(recipient));
            Assert.Single(session.Messages);
            if (queuedAtStop.Contains(id))
            {
                Assert.Equal(other.Name, await fx.OwnerOfAsync(id));
            }
        }

        // The check with credentials could run only where they were: on A before it stopped, or not at all.
        var auth = results[pinned];
        if (queuedAtStop.Contains(pinned))
        {
            Assert.Equal("interrupted", (string?)auth["outcome"]);
            Assert.Contains("AUTH credentials", (string?)auth["summary"], StringComparison.Ordinal);
            Assert.Empty(fx.Smtp.SessionsFor(pinnedRecipient));
        }
        else
        {
            Assert.Equal(stopping.Name, await fx.OwnerOfAsync(pinned));
            Assert.True(fx.Smtp.SessionsFor(pinnedRecipient).Count <= 1);
        }
    }

    [Fact]
    public async Task PageOpenOnKilledInstance_ReloadsThroughTheBalancerOnTheOther()
    {
        await fx.EnsureBothUpAsync();
        using var viaA = fx.Balancer(fx.A);
        var id = await CheckApi.SubmitAsync(viaA, new { domain = "postfix.test", to = new[] { "reload@postfix.test" }, mode = "probe" });
        var check = await CheckApi.WaitFinishedAsync(viaA, id, TimeSpan.FromSeconds(60));

        await using var browser = await fx.NewBrowserContextAsync(fx.A);
        var page = await browser.NewPageAsync();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        await page.GotoAsync($"checks/{id}");
        await page.Locator(".mc-result[data-interactive='true']").WaitForAsync();
        await page.EvaluateAsync("() => { window.mcBeforeKill = true; }");

        var clock = Stopwatch.StartNew();
        await fx.A.KillAsync();

        // The circuit's WebSocket drops; Blazor reconnects through HAProxy, which sends it to B (redispatch): B does not
        // know the circuit, so the page reloads (or resumes) there and rebuilds itself from the database.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var served = "";
        var live = false;
        while (DateTime.UtcNow < deadline && !live)
        {
            await Task.Delay(1000);
            served = (await browser.CookiesAsync()).FirstOrDefault(c => c.Name == ScaleFixture.CookieName)?.Value ?? "";
            if (served != fx.B.Name || await page.Locator(".mc-result[data-interactive='true']").CountAsync() == 0)
            {
                continue;
            }

            try
            {
                await page.Locator("#copy-link").ClickAsync(new() { Timeout = 3000 });
                await page.Locator("#copy-status:not(:empty)").WaitForAsync(new() { Timeout = 3000 });
                live = true;
            }
            catch (TimeoutException)
            {
                // Still reconnecting.
            }
        }

        var reloaded = await page.EvaluateAsync<bool>("() => window.mcBeforeKill !== true");
        output.WriteLine($"page live again on {served} {clock.Elapsed.TotalSeconds:0.0} s after {fx.A.Name} was killed ({(reloaded ? "reloaded" : "circuit resumed")})");
        Assert.True(live, $"the page did not come back through the balancer (cookie {served}):\nconsole:\n{string.Join('\n', console)}\n{fx.Logs()}");
        Assert.Equal(fx.B.Name, served);
        var pageSeqs = await page.Locator("#transcript [data-seq]").EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.seq))");
        Assert.Equal(CheckApi.Seqs(check), pageSeqs);
        Assert.Equal("accepted", await page.Locator("#status-title").GetAttributeAsync("data-outcome"));
    }

    private async Task<List<string>> StatusesAsync(string status, IEnumerable<string> ids)
    {
        await using var command = fx.Database.CreateCommand("SELECT \"Id\" FROM \"Checks\" WHERE \"Id\" = ANY(@ids) AND \"Status\" = @status");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("status", status);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {bound.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task Poll(Func<bool> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {bound.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }
}
