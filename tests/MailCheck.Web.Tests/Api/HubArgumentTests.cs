using MailCheck.Core.Documents;
using MailCheck.Web.Api;
using MailCheck.Web.Hosting;
using MailCheck.Web.Tests.Fakes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Api;

/// <summary>Odd arguments to the hub get a message naming what is wrong, never the framework's "an error occurred".</summary>
public sealed class HubArgumentTests : IAsyncLifetime
{
    private readonly MailCheckWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        MailCheckWebFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/checks"), options => options.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler())
        .AddJsonProtocol(options => MailCheckJson.Configure(options.PayloadSerializerOptions))
        .Build();

    public static TheoryData<object?, string> BadSubmissions => new()
    {
        { null, "JSON object" },
        { "example.com", "JSON object" },
        { new { domain = "example.com", mode = "spam" }, "mode" },
        { new { domain = "example.com", tls = "maybe" }, "tls" },
        { new { domain = "example.com", port = "x25" }, "port" },
        { new { domain = "example.com", to = "a@example.com" }, "to" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task Submit_WrongShape_FailsNamingTheFieldAndQueuesNothing(object? request, string named)
    {
        await using var hub = Connect();
        await hub.StartAsync().Bounded();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<CheckCreatedResponse>("Submit", request).Bounded());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Empty(_factory.Engine.Runs);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(123)]
    [InlineData("")]
    public async Task Watch_NotAnId_FailsSayingAnIdIsNeeded(object? id)
    {
        await using var hub = Connect();
        await hub.StartAsync().Bounded();
        using var timeout = new CancellationTokenSource(Poll.Limit);

        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var e in hub.StreamAsync<CheckDocumentEvent>("Watch", id, timeout.Token))
            {
                Assert.Fail($"Unexpected event {e.Seq}");
            }
        });
        Assert.Contains("id of a check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BodyOfNearly64KiB_IsQueuedLikeThroughTheApi()
    {
        await using var hub = Connect();
        await hub.StartAsync().Bounded();
        var body = new string('y', 60 * 1024);

        var created = await hub.InvokeAsync<CheckCreatedResponse>("Submit", new ApiCheckRequest { Domain = "example.com", Body = body, Mode = Core.Checks.CheckMode.Probe }).Bounded();

        Assert.Equal("queued", created.Status);
    }
}
