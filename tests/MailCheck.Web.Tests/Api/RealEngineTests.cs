using System.Globalization;
using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Smtp;
using MailCheck.Web.Api;
using MailCheck.Web.Hosting;
using MailCheck.Web.Tests.Fakes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Api;

/// <summary>The whole web app with the real engine, a real DNS server and a real SMTP server, all on loopback.</summary>
public sealed class RealEngineTests : IAsyncLifetime
{
    private InProcessDnsServer _dns = default!;
    private TestSmtpServer _smtp = default!;
    private MailCheckWebFactory _factory = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _dns = InProcessDnsServer.Start()
            .AddMx("example.test", 10, "mx1.example.test")
            .AddA("mx1.example.test", "127.0.0.2");
        _smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse("127.0.0.2")],
            ServerName = "mx1.example.test",
        });
        _factory = new MailCheckWebFactory { UseRealEngine = true };
        _factory.Settings["MailCheck:Dns:Servers:0"] = _dns.Endpoint;
        _factory.Settings["MailCheck:Safety:AllowedNetworks:0"] = "127.0.0.0/8";
        _factory.Settings["MailCheck:Safety:AllowedPorts:0"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
        await _dns.DisposeAsync();
        MailCheckWebFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private string Json(string extra = "") =>
        $$"""{"domain":"example.test","from":"sender@example.org","to":["someone@example.test"],"port":{{_smtp.Port}}{{extra}}}""";

    [Fact]
    public async Task Send_ThroughTheApi_IsAcceptedAndTheMessageArrivesWithTheCheckId()
    {
        var id = await _client.SubmitAsync(Json());

        var body = await _client.WaitForStatusAsync(id);
        var message = await _smtp.WaitForMessageAsync(Poll.Limit);

        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        Assert.Equal(id, message.Header("X-MailCheck-Check"));
        Assert.Equal(["someone@example.test"], message.To);
        var mx = Assert.Single(body.GetProperty("mx").EnumerateArray());
        Assert.Equal("mx1.example.test", mx.GetProperty("host").GetString());
        Assert.True(mx.GetProperty("used").GetBoolean());
        var transcript = await _client.GetStringAsync($"/api/checks/{id}/transcript.txt");
        Assert.Contains("220 mx1.example.test", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_UnknownRecipient_IsRejectedAndNothingIsDelivered()
    {
        var id = await _client.SubmitAsync($$"""{"domain":"example.test","to":["unknown@example.test"],"mode":"probe","port":{{_smtp.Port}}}""");

        var body = await _client.WaitForStatusAsync(id);

        Assert.Equal("rejected", body.GetProperty("outcome").GetString());
        Assert.Contains("550", body.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task Post_InjectedFrom_Returns400AndNoConnectionIsMade()
    {
        var response = await _client.PostJsonAsync(Json().Replace("\"sender@example.org\"", "\"a@b.c>\\r\\nRCPT TO:<x@y.z>\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(0, _smtp.SessionCount);
        // The only query allowed is MailCheck's own start-up DNSSEC probe (". SOA"): nothing for the refused request.
        Assert.DoesNotContain(_dns.Queries, q => q is not { Name: "", Type: "SOA" });
    }

    [Fact]
    public async Task Hub_Watch_StreamsTheRealConversationEndingWithTheOutcome()
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/checks"), o => o.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler())
            .AddJsonProtocol(o => MailCheckJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync().Bounded();
        var id = await _client.SubmitAsync(Json());
        using var timeout = new CancellationTokenSource(Poll.Limit);

        var events = new List<CheckDocumentEvent>();
        await foreach (var e in hub.StreamAsync<CheckDocumentEvent>("Watch", id, timeout.Token))
        {
            events.Add(e);
        }

        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Seq));
        Assert.Contains(events, e => e is { Direction: EventDirection.Server, Kind: EventKind.Banner, Code: 220 });
        Assert.Contains(events, e => e is { Direction: EventDirection.Client, Kind: EventKind.Rcpt });
        Assert.Equal(EventKind.Outcome, events[^1].Kind);
        var outcome = Assert.IsType<OutcomeDetail>(events[^1].Detail);
        Assert.Equal(CheckOutcome.Accepted, outcome.Result.Outcome);
    }
}
