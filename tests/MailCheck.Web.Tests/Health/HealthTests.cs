using System.Net;
using MailCheck.Web.Tests.Api;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_Idle_LiveAndReadyAnswer200()
    {
        await using var factory = new MailCheckWebFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }

    [Fact]
    public async Task HealthzReady_QueueFull_Answers503WhileLiveStays200()
    {
        await using var factory = new MailCheckWebFactory();
        factory.Settings["MailCheck:Limits:MaxConcurrentChecks"] = "1";
        factory.Settings["MailCheck:Limits:QueueCapacity"] = "1";
        factory.Engine.HoldAfter = 1;
        using var client = factory.CreateClient();
        var running = await client.SubmitAsync("""{"domain":"one.example"}""");
        await factory.Engine.WaitUntilPausedAsync(running).Bounded();
        await client.SubmitAsync("""{"domain":"two.example"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);

        factory.Engine.Release();
        await client.WaitForStatusAsync(running);
        MailCheckWebFactory.DeleteDatabase(factory.DatabasePath);
    }
}
