using MailCheck.Core.Documents;
using MailCheck.Web.Api;
using MailCheck.Web.Hosting;
using MailCheck.Web.Tests.Fakes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Api;

public sealed class ChecksHubTests : WebAppTests
{
    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(Factory.Server.BaseAddress, "hubs/checks"), options => options.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler())
        .AddJsonProtocol(options => MailCheckJson.Configure(options.PayloadSerializerOptions))
        .Build();

    [Fact]
    public async Task Watch_JoiningMidRun_StreamsEveryEventOnceInOrderThenEndsWithOutcome()
    {
        Factory.Engine.HoldAfter = 5;
        var id = await Client.SubmitAsync("""{"domain":"example.com"}""");
        await Factory.Engine.WaitUntilPausedAsync(id).Bounded();
        await using var hub = Connect();
        await hub.StartAsync().Bounded();
        using var timeout = new CancellationTokenSource(Poll.Limit);

        var received = new List<CheckDocumentEvent>();
        var stream = hub.StreamAsync<CheckDocumentEvent>("Watch", id, timeout.Token);
        await foreach (var e in stream)
        {
            received.Add(e);
            if (received.Count == 5)
            {
                // The first five came from the store; the rest must arrive live.
                Factory.Engine.Release();
            }
        }

        var expected = ScriptedCheckEngine.Script(Assert.Single(Factory.Engine.Runs).Request);
        Assert.Equal(expected.Select(e => e.Seq), received.Select(e => e.Seq));
        Assert.Equal(expected.Select(e => e.Text), received.Select(e => e.Text));
        Assert.Equal(Core.Checks.EventKind.Outcome, received[^1].Kind);
    }

    [Fact]
    public async Task Watch_FinishedCheck_StreamsStoredEventsAndCompletes()
    {
        var id = await Client.SubmitAsync("""{"domain":"example.com"}""");
        await Client.WaitForStatusAsync(id);
        await using var hub = Connect();
        await hub.StartAsync().Bounded();
        using var timeout = new CancellationTokenSource(Poll.Limit);

        var received = new List<CheckDocumentEvent>();
        await foreach (var e in hub.StreamAsync<CheckDocumentEvent>("Watch", id, timeout.Token))
        {
            received.Add(e);
        }

        Assert.Equal(13, received.Count);
        Assert.Equal(Enumerable.Range(1, 13), received.Select(e => e.Seq));
        Assert.Equal(Core.Checks.EventKind.Outcome, received[^1].Kind);
    }

    [Fact]
    public async Task Watch_UnknownId_FailsWithAClearMessage()
    {
        await using var hub = Connect();
        await hub.StartAsync().Bounded();
        using var timeout = new CancellationTokenSource(Poll.Limit);

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var e in hub.StreamAsync<CheckDocumentEvent>("Watch", "AAAAAAAAAAAAAAAAAAAAAA", timeout.Token))
            {
                Assert.Fail($"Unexpected event {e.Seq}");
            }
        });
        Assert.Contains("no check", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_ValidRequest_QueuesThroughTheSameSubmissionPath()
    {
        await using var hub = Connect();
        await hub.StartAsync().Bounded();

        var created = await hub.InvokeAsync<CheckCreatedResponse>("Submit", new ApiCheckRequest { Domain = "example.net", Mode = Core.Checks.CheckMode.Probe }).Bounded();
        var body = await Client.WaitForStatusAsync(created.Id);

        Assert.Equal("queued", created.Status);
        Assert.Equal("example.net", body.GetProperty("request").GetProperty("domain").GetString());
        Assert.Equal(0, Factory.Services.GetRequiredService<Web.Checks.CheckQueue>().Count);
    }
}
