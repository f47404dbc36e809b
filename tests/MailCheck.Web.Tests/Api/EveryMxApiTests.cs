using System.Globalization;
using System.Net;
using System.Text.Json;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Smtp;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

/// <summary>
/// scope "all" and the comparison through the API, with the real engine: two real SMTP servers that differ (one without
/// STARTTLS and with a smaller SIZE) and a dead address, all on loopback.
/// </summary>
public sealed class EveryMxApiTests : IAsyncLifetime
{
    private InProcessDnsServer _dns = default!;
    private TestSmtpServer _primary = default!;
    private TestSmtpServer _backup = default!;
    private MailCheckWebFactory _factory = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _dns = InProcessDnsServer.Start()
            .AddMx("every.test", 10, "mx1.every.test")
            .AddMx("every.test", 20, "mx2.every.test")
            .AddA("mx1.every.test", "127.0.0.2")
            .AddA("mx2.every.test", "127.0.0.3")
            .AddA("mx2.every.test", "127.0.0.9");
        _primary = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { Addresses = [IPAddress.Parse("127.0.0.2")], ServerName = "mx1.every.test" });
        _backup = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse("127.0.0.3")],
            Port = _primary.Port,
            ServerName = "mx2.every.test",
            StartTls = false,
            MaxMessageSize = 5 * 1024 * 1024,
        });
        _factory = new MailCheckWebFactory { UseRealEngine = true };
        _factory.Settings["MailCheck:Dns:Servers:0"] = _dns.Endpoint;
        _factory.Settings["MailCheck:Safety:AllowedNetworks:0"] = "127.0.0.0/8";
        _factory.Settings["MailCheck:Safety:AllowedPorts:0"] = _primary.Port.ToString(CultureInfo.InvariantCulture);
        _factory.Settings["MailCheck:Smtp:ConnectTimeout"] = "00:00:03";
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _backup.DisposeAsync();
        await _primary.DisposeAsync();
        await _dns.DisposeAsync();
        MailCheckWebFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private string Json(string extra) => $$"""{"domain":"every.test","port":{{_primary.Port}}{{extra}}}""";

    [Fact]
    public async Task Post_ScopeAll_ProbesEveryAddressAndTheDocumentHasTheMatrix()
    {
        var id = await _client.SubmitAsync(Json(""","scope":"all" """));

        var body = await _client.WaitForStatusAsync(id);

        Assert.Equal("probe", body.GetProperty("request").GetProperty("mode").GetString());
        Assert.Equal("all", body.GetProperty("request").GetProperty("scope").GetString());
        Assert.Equal("unreachable", body.GetProperty("outcome").GetString());
        Assert.StartsWith("2 of 3 targets accepted", body.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.All(body.GetProperty("mx").EnumerateArray(), mx => Assert.False(mx.GetProperty("used").GetBoolean()));
        var matrix = body.GetProperty("matrix");
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.9"], rows.Select(r => r.GetProperty("address").GetString()));
        Assert.Equal([10, 20, 20], rows.Select(r => r.GetProperty("preference").GetInt32()));
        Assert.Equal(["accepted", "accepted", "unreachable"], rows.Select(r => r.GetProperty("outcome").GetString()));
        var stages = rows[1].GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["connect", "banner", "ehlo", "startTls", "certificate", "mailFrom", "rcptTo"], stages.Select(s => s.GetProperty("name").GetString()));
        var startTls = stages[3];
        Assert.Equal("warn", startTls.GetProperty("status").GetString());
        Assert.True(startTls.GetProperty("differs").GetBoolean());
        Assert.Equal(JsonValueKind.Number, stages[6].GetProperty("ms").ValueKind);
        Assert.StartsWith("250", stages[6].GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Equal(["outcome", "startTls", "size"], matrix.GetProperty("differences").EnumerateArray().Select(d => d.GetProperty("aspect").GetString()));
        Assert.All(
            body.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() is "banner" or "ehlo" or "rcpt"),
            e => Assert.Equal(JsonValueKind.Object, e.GetProperty("target").ValueKind));
        Assert.Empty(_primary.Messages);
        Assert.Empty(_backup.Messages);

        var transcript = await _client.GetStringAsync($"/api/checks/{id}/transcript.txt");
        Assert.Contains("(probe, every MX, port", transcript, StringComparison.Ordinal);
        Assert.Contains(" [2]  <-  220 mx2.every.test", transcript, StringComparison.Ordinal);
        Assert.Contains("MX matrix: 2 of 3 targets accepted", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ScopeAllWithSend_400NamingScopeAndNothingQueued()
    {
        using var response = await _client.PostJsonAsync(Json(""","scope":"all","mode":"send" """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("never sends one message to several servers", problem.GetProperty("errors").GetProperty("scope")[0].GetString(), StringComparison.Ordinal);
        var list = await _client.GetStringAsync("/api/checks");
        Assert.Contains("\"total\":0", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownScope_400NamingScopeWithTheAllowedValues()
    {
        using var response = await _client.PostJsonAsync(Json(""","scope":"every" """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("\"first\"", problem.GetProperty("errors").GetProperty("scope")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_TwoChecksOfTheDomain_ListsWhatChangedEarlierToLater()
    {
        var first = await _client.SubmitAsync(Json(""","mode":"connect" """));
        await _client.WaitForStatusAsync(first);
        var second = await _client.SubmitAsync(Json(""","mode":"connect","scope":"all" """));
        await _client.WaitForStatusAsync(second);

        var comparison = await (await _client.GetAsync($"/api/checks/{second}/compare/{first}")).JsonAsync();

        Assert.Equal(first, comparison.GetProperty("before").GetProperty("id").GetString());
        Assert.Equal(second, comparison.GetProperty("after").GetProperty("id").GetString());
        Assert.True(comparison.GetProperty("sameDomain").GetBoolean());
        var changes = comparison.GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("area").GetString() == "outcome" && c.GetProperty("text").GetString() == "Outcome: accepted → unreachable");
        Assert.Contains(changes, c => c.GetProperty("area").GetString() == "replies" && c.GetProperty("subject").GetString()!.StartsWith("connect at mx2.every.test", StringComparison.Ordinal));
        Assert.Contains(comparison.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("connect of every MX", StringComparison.Ordinal));
        Assert.Contains("mx", comparison.GetProperty("unchanged").EnumerateArray().Select(u => u.GetString()));
        Assert.StartsWith("Everything else is the same:", comparison.GetProperty("unchangedText").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-an-id")]
    public async Task Compare_UnknownOrMalformedId_404Problem(string other)
    {
        var id = await _client.SubmitAsync(Json(""","mode":"connect" """));
        await _client.WaitForStatusAsync(id);

        using var response = await _client.GetAsync($"/api/checks/{id}/compare/{other}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("There is no check with this id.", problem.GetProperty("title").GetString());
        Assert.Contains(CheckIdLike(other), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string CheckIdLike(string id) => MailCheck.Core.Checks.CheckId.IsValid(id) ? id : "(not an id)";
}
