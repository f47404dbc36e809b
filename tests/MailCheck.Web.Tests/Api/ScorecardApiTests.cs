using System.Globalization;
using System.Net;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Smtp;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

/// <summary>The posture scorecard through the API, the text transcript and the history, with the real engine on loopback.</summary>
public sealed class ScorecardApiTests : IAsyncLifetime
{
    private InProcessDnsServer _dns = default!;
    private TestSmtpServer _smtp = default!;
    private MailCheckWebFactory _factory = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _dns = InProcessDnsServer.Start()
            .AddMx("example.test", 10, "mx1.example.test")
            .AddA("mx1.example.test", "127.0.0.2")
            .AddPtr("2.0.0.127.in-addr.arpa", "mx1.example.test");
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
        $$"""{"domain":"example.test","to":["someone@example.test"],"mode":"probe","port":{{_smtp.Port}}{{extra}}}""";

    [Fact]
    public async Task Get_FinishedCheck_HasTheScorecardObjectAndItsEvents()
    {
        var id = await _client.SubmitAsync(Json());

        var body = await _client.WaitForStatusAsync(id);

        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        var scorecard = body.GetProperty("scorecard");
        Assert.True(scorecard.GetProperty("complete").GetBoolean());
        var items = scorecard.GetProperty("items").EnumerateArray().ToList();
        var ptr = Assert.Single(items, i => i.GetProperty("id").GetString() == "ptr");
        Assert.Equal("pass", ptr.GetProperty("status").GetString());
        Assert.Equal("identity", ptr.GetProperty("area").GetString());
        Assert.Equal("mx1.example.test [127.0.0.2]", ptr.GetProperty("target").GetString());
        Assert.Contains("RFC 8601", ptr.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(ptr.TryGetProperty("fix", out _));
        Assert.True(scorecard.GetProperty("summary").GetProperty("pass").GetInt32() >= 1);
        var kinds = body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("ptr", kinds);
        Assert.Equal("scorecard", kinds[^2]);
        Assert.Equal("outcome", kinds[^1]);
    }

    [Fact]
    public async Task TranscriptText_FinishedCheck_ListsTheScorecardByArea()
    {
        var id = await _client.SubmitAsync(Json());
        await _client.WaitForStatusAsync(id);

        var transcript = await _client.GetStringAsync($"/api/checks/{id}/transcript.txt");

        Assert.Contains("=== Scorecard:", transcript, StringComparison.Ordinal);
        Assert.Contains("Identity", transcript, StringComparison.Ordinal);
        Assert.Contains("[pass] 127.0.0.2 → mx1.example.test → 127.0.0.2", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FinishedCheck_CarriesItsCompactScore()
    {
        var id = await _client.SubmitAsync(Json());
        await _client.WaitForStatusAsync(id);

        var list = await (await _client.GetAsync(new Uri("/api/checks", UriKind.Relative))).JsonAsync();

        var row = Assert.Single(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.True(row.GetProperty("score").GetProperty("pass").GetInt32() >= 1);
    }

    [Fact]
    public async Task Post_PostureFalse_NoScorecardAndNoPostureQueries()
    {
        var id = await _client.SubmitAsync(Json(""","posture":false"""));

        var body = await _client.WaitForStatusAsync(id);

        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("scorecard").ValueKind);
        Assert.False(body.GetProperty("request").GetProperty("posture").GetBoolean());
        Assert.DoesNotContain(_dns.Queries, q => q.Name.EndsWith(".in-addr.arpa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_BadDkimSelector_400NamingTheField()
    {
        var response = await _client.PostJsonAsync(Json(""","dkimSelectors":["ok","bad selector!"]"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("dkimSelectors[1]", out _));
        Assert.Equal(0, _smtp.SessionCount);
    }

    [Fact]
    public async Task Compare_SpfPublishedBetweenTwoChecks_TheScorecardChangeIsListed()
    {
        var before = await _client.SubmitAsync(Json());
        var first = await _client.WaitForStatusAsync(before);
        var spfBefore = Assert.Single(first.GetProperty("scorecard").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "spf").GetProperty("status").GetString() switch
        {
            "notTested" => "not tested",
            var status => status,
        };
        _dns.AddTxt("example.test", "v=spf1 ip4:127.0.0.2 -all");
        var after = await _client.SubmitAsync(Json());
        await _client.WaitForStatusAsync(after);

        var comparison = await (await _client.GetAsync(new Uri($"/api/checks/{before}/compare/{after}", UriKind.Relative))).JsonAsync();

        var spf = Assert.Single(comparison.GetProperty("changes").EnumerateArray(), c => c.GetProperty("area").GetString() == "scorecard" && c.GetProperty("subject").GetString() == "SPF");
        Assert.StartsWith($"{spfBefore} — ", spf.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("pass — SPF", spf.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"SPF: {spfBefore} → pass", spf.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("scorecard", comparison.GetProperty("unchanged").EnumerateArray().Select(u => u.GetString()));
    }
}
