using MailCheck.Web.Api;
using MailCheck.Web.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Web.Tests.Safety;

/// <summary>The hub's Submit goes through the same guards as the API and the form.</summary>
public sealed class HubSafetyTests
{
    private static HubConnection Connect(SafetyWebFactory factory) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/checks"), options => options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler())
        .AddJsonProtocol(options => MailCheckJson.Configure(options.PayloadSerializerOptions))
        .Build();

    [Fact]
    public async Task Submit_SendWhileAllowSendIsFalse_FailsNamingModeAndQueuesNothing()
    {
        await using var factory = new SafetyWebFactory();
        factory.Settings["MailCheck:Safety:AllowSend"] = "false";
        await using var hub = Connect(factory);
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<CheckCreatedResponse>("Submit", new ApiCheckRequest { Domain = "example.com" }));

        Assert.Contains("mode: This MailCheck instance does not send messages", error.Message, StringComparison.Ordinal);
        Assert.Empty(factory.Engine.Runs);
    }

    [Fact]
    public async Task Submit_PerClientLimitReached_FailsSayingWhenToTryAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var factory = new SafetyWebFactory { Time = time };
        factory.Settings["MailCheck:Limits:PerClient:Limit"] = "1";
        await using var hub = Connect(factory);
        await hub.StartAsync();
        await hub.InvokeAsync<CheckCreatedResponse>("Submit", new ApiCheckRequest { Domain = "example.com", Mode = Core.Checks.CheckMode.Probe });

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<CheckCreatedResponse>("Submit", new ApiCheckRequest { Domain = "example.org", Mode = Core.Checks.CheckMode.Probe }));

        Assert.Contains("Too many checks from your address: at most 1 every 10 minutes. Try again in 600 seconds.", error.Message, StringComparison.Ordinal);
        await Fakes.Poll.UntilAsync(() => Task.FromResult(!factory.Engine.Runs.IsEmpty), "the first check to run");
        Assert.DoesNotContain(factory.Engine.Runs, r => r.Request.Domain == "example.org");
    }
}
