using MailCheck.Core.Documents;
using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Api;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Checks;

public sealed class QueueAndRestartTests
{
    [Fact]
    public async Task Post_QueueFull_Returns503WithRetryAfterAndQueuesNothing()
    {
        await using var factory = new MailCheckWebFactory();
        factory.Settings["MailCheck:Limits:MaxConcurrentChecks"] = "1";
        factory.Settings["MailCheck:Limits:QueueCapacity"] = "1";
        factory.Engine.HoldAfter = 1;
        using var client = factory.CreateClient();

        var running = await client.SubmitAsync("""{"domain":"one.example"}""");
        await factory.Engine.WaitUntilPausedAsync(running).Bounded();
        var waiting = await client.SubmitAsync("""{"domain":"two.example"}""");
        var refused = await client.PostJsonAsync("""{"domain":"three.example"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("busy", (await refused.JsonAsync()).GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, (await (await client.GetAsync("/api/checks")).JsonAsync()).GetProperty("total").GetInt32());

        factory.Engine.Release();
        await client.WaitForStatusAsync(running);
        await client.WaitForStatusAsync(waiting);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }

    [Fact]
    public async Task StartUp_ChecksLeftQueuedOrRunning_AreMarkedInterruptedAndNeverRerun()
    {
        var path = Path.Combine(Path.GetTempPath(), "mailcheck-web-tests", Guid.NewGuid().ToString("N") + ".db");
        string runningId;
        string queuedId;
        await using (var first = new MailCheckWebFactory(path))
        {
            var store = first.Services.GetRequiredService<ICheckStore>();
            var request = RedactedRequest.Of(new CheckRequest { Domain = "example.com", Recipients = ["postmaster@example.com"] });
            runningId = CheckId.New();
            queuedId = CheckId.New();
            var now = DateTimeOffset.UtcNow;
            await store.CreateAsync(runningId, "example.com", request, now, CancellationToken.None);
            await store.MarkRunningAsync(runningId, now, CancellationToken.None);
            foreach (var e in ScriptedCheckEngine.Script(new CheckRequest { Domain = "example.com", Recipients = ["postmaster@example.com"] }).Take(4))
            {
                await store.AppendAsync(runningId, e, CancellationToken.None);
            }

            await store.CreateAsync(queuedId, "example.com", request, now, CancellationToken.None);
        }

        await using var second = new MailCheckWebFactory(path);
        using var client = second.CreateClient();
        var running = await (await client.GetAsync($"/api/checks/{runningId}")).JsonAsync();
        var queued = await (await client.GetAsync($"/api/checks/{queuedId}")).JsonAsync();

        Assert.Equal("finished", running.GetProperty("status").GetString());
        Assert.Equal("interrupted", running.GetProperty("outcome").GetString());
        var events = running.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(5, events.Count);
        Assert.Equal("outcome", events[^1].GetProperty("kind").GetString());
        Assert.Equal("interrupted", queued.GetProperty("outcome").GetString());
        Assert.Empty(second.Engine.Runs);
        MailCheckWebFactory.DeleteDatabase(path);
    }

    [Fact]
    public async Task Shutdown_MidCheck_RecordsInterruptedAndRestartDoesNotRerun()
    {
        await using var factory = new MailCheckWebFactory();
        using var client = factory.CreateClient();
        var submissions = factory.Services.GetRequiredService<CheckSubmissionService>();
        factory.Engine.HoldAfter = 2;

        var accepted = Assert.IsType<SubmissionResult.Accepted>(await submissions.SubmitAsync(
            new CheckRequest { Domain = "example.com", Recipients = ["postmaster@example.com"], From = "a@example.org" }, null, CancellationToken.None));
        await factory.Engine.WaitUntilPausedAsync(accepted.Id).Bounded();
        await factory.DisposeAsync();

        await using var restarted = new MailCheckWebFactory(factory.DatabasePath);
        using var again = restarted.CreateClient();
        var body = await again.WaitForStatusAsync(accepted.Id);
        Assert.Equal("interrupted", body.GetProperty("outcome").GetString());
        Assert.Empty(restarted.Engine.Runs);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }
}
