using System.Net;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

public sealed class CheckEndpointsTests : WebAppTests
{
    [Fact]
    public async Task Post_DomainOnly_Returns202WithLocationUrlAndQueued()
    {
        var response = await Client.PostJsonAsync("""{"domain":"example.com","mode":"probe"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(22, id.Length);
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal($"http://localhost/checks/{id}", body.GetProperty("url").GetString());
        Assert.Equal(new Uri($"http://localhost/api/checks/{id}"), response.Headers.Location);
    }

    [Fact]
    public async Task Post_DomainOnly_DefaultsRecipientToPostmasterAndFromToConfiguredSender()
    {
        var id = await Client.SubmitAsync("""{"domain":"example.com","mode":"probe"}""");
        await Client.WaitForStatusAsync(id);

        var (_, request) = Assert.Single(Factory.Engine.Runs);
        Assert.Equal(["postmaster@example.com"], request.Recipients);
        Assert.Equal("mailcheck@mailcheck.localhost", request.From);
        Assert.Equal(Core.Checks.CheckMode.Probe, request.Mode);
    }

    [Fact]
    public async Task Post_Port465WithoutTls_ImplicitTlsLikeTheForm()
    {
        var id = await Client.SubmitAsync("""{"domain":"example.com","mode":"probe","port":465}""");
        await Client.WaitForStatusAsync(id);

        var (_, request) = Assert.Single(Factory.Engine.Runs);
        Assert.Equal(Core.Checks.TlsPolicy.Implicit, request.Tls);
    }

    [Fact]
    public async Task Post_ToOnly_TakesDomainFromRecipient()
    {
        var id = await Client.SubmitAsync("""{"to":["someone@example.org"],"mode":"connect"}""");

        var body = await Client.WaitForStatusAsync(id);

        Assert.Equal("example.org", body.GetProperty("request").GetProperty("domain").GetString());
    }

    [Fact]
    public async Task Post_FromWithInjectedCommand_Returns400NamingFromAndRunsNothing()
    {
        var response = await Client.PostJsonAsync("""{"domain":"example.com","from":"a@b.c>\r\nRCPT TO:<x@y.z>"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _), errors.ToString());
        Assert.Empty(Factory.Engine.Runs);
        Assert.Equal(0, (await (await Client.GetAsync("/api/checks")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Post_NeitherDomainNorRecipient_Returns400NamingDomain()
    {
        var response = await Client.PostJsonAsync("""{"mode":"probe"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("domain", out _));
        Assert.Empty(Factory.Engine.Runs);
    }

    [Fact]
    public async Task Post_UnknownMode_Returns400NamingMode()
    {
        var response = await Client.PostJsonAsync("""{"domain":"example.com","mode":"blast"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("mode", out _));
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400Problem()
    {
        var response = await Client.PostJsonAsync("""{"domain": "example.com",""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (await response.JsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var response = await Client.GetAsync("/api/checks/AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_FinishedCheck_ReturnsOutcomeMxAndEveryEventButNeverThePassword()
    {
        var id = await Client.SubmitAsync("""{"domain":"example.com","port":587,"auth":{"username":"alice","password":"s3cret-Pa55"}}""");

        var body = await Client.WaitForStatusAsync(id);

        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        Assert.Equal("Accepted by mx1.example.com", body.GetProperty("summary").GetString());
        var events = body.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal("outcome", events[^1].GetProperty("kind").GetString());
        Assert.Equal("server", events[3].GetProperty("direction").GetString());
        Assert.Equal(220, events[3].GetProperty("code").GetInt32());
        var mx = body.GetProperty("mx").EnumerateArray().ToList();
        Assert.Equal(2, mx.Count);
        Assert.True(mx[0].GetProperty("used").GetBoolean());
        Assert.Equal("alice", body.GetProperty("request").GetProperty("auth").GetProperty("username").GetString());
        Assert.DoesNotContain("s3cret-Pa55", body.ToString(), StringComparison.Ordinal);
        Assert.Equal("s3cret-Pa55", Assert.Single(Factory.Engine.Runs).Request.Auth?.Password);
    }

    [Fact]
    public async Task Transcript_FinishedCheck_ReturnsSwaksStyleText()
    {
        var id = await Client.SubmitAsync("""{"domain":"example.com"}""");
        await Client.WaitForStatusAsync(id);

        var response = await Client.GetAsync($"/api/checks/{id}/transcript.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("<-  220 mx1.example.com ESMTP ready", text, StringComparison.Ordinal);
        Assert.Contains(" -> EHLO mailcheck.localhost", text, StringComparison.Ordinal);
        Assert.Contains("Accepted", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/checks/{id}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_UnknownId_Returns404()
    {
        var response = await Client.GetAsync("/api/checks/AAAAAAAAAAAAAAAAAAAAAA/transcript.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_FilteredByDomainAndOutcome_ReturnsOnlyMatchingNewestFirst()
    {
        var first = await Client.SubmitAsync("""{"domain":"one.example"}""");
        await Client.WaitForStatusAsync(first);
        var second = await Client.SubmitAsync("""{"domain":"two.example"}""");
        await Client.WaitForStatusAsync(second);
        Factory.Engine.Outcome = Core.Checks.CheckOutcome.Rejected;
        var third = await Client.SubmitAsync("""{"domain":"one.example"}""");
        await Client.WaitForStatusAsync(third);

        var all = await (await Client.GetAsync("/api/checks")).JsonAsync();
        var byDomain = await (await Client.GetAsync("/api/checks?domain=one.example")).JsonAsync();
        var byOutcome = await (await Client.GetAsync("/api/checks?outcome=rejected&limit=10")).JsonAsync();

        Assert.Equal([third, second, first], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal([third, first], byDomain.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var rejected = Assert.Single(byOutcome.GetProperty("items").EnumerateArray());
        Assert.Equal(third, rejected.GetProperty("id").GetString());
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task List_UnknownOutcome_Returns400NamingOutcome()
    {
        var response = await Client.GetAsync("/api/checks?outcome=splendid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("outcome", out _));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheChecksApi()
    {
        var text = await Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/checks", text, StringComparison.Ordinal);
        Assert.Contains("/api/checks/{id}/transcript.txt", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheTransportEventsAndTheExtraCaFlag()
    {
        var text = await Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"mtaSts\"", text, StringComparison.Ordinal);
        Assert.Contains("\"tlsVerdict\"", text, StringComparison.Ordinal);
        Assert.Contains("\"trustedByExtraCa\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultPage_UnknownId_Returns404Page()
    {
        var response = await Client.GetAsync("/checks/AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultPage_KnownId_RendersTranscriptWhilePrerendering()
    {
        var id = await Client.SubmitAsync("""{"domain":"example.com"}""");
        await Client.WaitForStatusAsync(id);

        var html = await Client.GetStringAsync($"/checks/{id}");

        Assert.Contains("220 mx1.example.com ESMTP ready", html, StringComparison.Ordinal);
        Assert.Contains("role=\"log\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", html, StringComparison.Ordinal);
    }
}
