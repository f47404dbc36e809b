using System.Net;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Api;

/// <summary>The HTTP API used by scripts, through nginx, against the rig's postfix.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class ApiThroughProxyTests(RigFixture rig)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task PostCheck_ThroughHttpsProxy_LocationAndUrlCarryPublicSchemeHostAndPathBase()
    {
        using var client = rig.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/checks")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { domain = "mailcheck.test", mode = "connect" }),
        };
        // A public name the app has never heard of: only the forwarded Host can put it into the links.
        request.Headers.Host = $"public.mailcheck.test:{rig.Settings.BaseUrl.Port}";

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var expectedPrefix = $"https://public.mailcheck.test:{rig.Settings.BaseUrl.Port}/mailcheck/";
        Assert.NotNull(response.Headers.Location);
        Assert.StartsWith(expectedPrefix, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var url = (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["url"];
        Assert.NotNull(url);
        Assert.StartsWith(expectedPrefix, url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCheck_ThroughPlainHttpProxy_LocationUsesHttpScheme()
    {
        using var client = rig.CreateHttpClient();
        client.BaseAddress = rig.Settings.HttpBaseUrl;

        var submitted = await new CheckApi(client).SubmitAsync(new { domain = "mailcheck.test", mode = "connect" });

        Assert.NotNull(submitted.Location);
        Assert.StartsWith(rig.Settings.HttpBaseUrl.ToString(), submitted.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(rig.Settings.HttpBaseUrl.ToString(), submitted.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCheck_SendToTestDomain_AcceptedViaSecondMxAndDeliveredWithCheckHeader()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);

        var submitted = await api.SubmitAsync(new
        {
            domain = "mailcheck.test",
            from = "e2e@mailcheck-rig.localhost",
            to = new[] { "api-send@mailcheck.test" },
            subject = "MailCheck end-to-end API send",
            body = "Sent by the end-to-end API test.",
            mode = "send",
        });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        var mx = check["mx"]!.AsArray().Select(m => (string?)m!["host"]).ToList();
        Assert.Contains(mx, h => h != null && h.TrimEnd('.') == "mx-dead.mailcheck.test");
        Assert.Contains(mx, h => h != null && h.TrimEnd('.') == "mx.mailcheck.test");
        var message = await rig.Maildir.WaitForMessageAsync(submitted.Id, TimeSpan.FromSeconds(30));
        Assert.Contains(Maildir.HeaderValues(message, "To"), v => v.Contains("api-send@mailcheck.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCheck_UnknownId_Returns404ProblemThroughProxy()
    {
        using var client = rig.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("api/checks/AAAAAAAAAAAAAAAAAAAAAA", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetTranscript_FinishedCheck_ServesPlainTextThroughProxy()
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { domain = "postfix.test", mode = "connect" });
        await api.WaitFinishedAsync(submitted.Id, CheckTimeout);

        using var response = await client.GetAsync(new Uri($"api/checks/{submitted.Id}/transcript.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("220 mx.mailcheck.test ESMTP MailCheck test rig", text, StringComparison.Ordinal);
    }
}
