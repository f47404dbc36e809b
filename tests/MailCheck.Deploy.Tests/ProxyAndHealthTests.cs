using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MailCheck.Deploy.Tests.Infrastructure;
using MailCheck.Testing;

namespace MailCheck.Deploy.Tests;

/// <summary>The running container recipe behind nginx: health, the health-check switch, public links, WebSockets.</summary>
public sealed class ProxyAndHealthTests(ProxiedAppFixture fixture) : IClassFixture<ProxiedAppFixture>
{
    private const string PublicBase = "https://public.example/mailcheck";

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Healthz_ThroughProxy_Answers200Healthy(string path)
    {
        using var client = PublicHttp.ThroughProxy(fixture.Nginx);
        using var response = await client.GetAsync(PublicBase + path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("Healthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_Ready_ChecksDatabaseAndQueue()
    {
        using var response = await fixture.App.Client.GetAsync($"{fixture.App.LocalBase}/healthz/ready");
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");

        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("queue").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_Probes_NotLoggedAtInformation()
    {
        for (var i = 0; i < 3; i++)
        {
            using var probe = await fixture.App.Client.GetAsync($"{fixture.App.LocalBase}/healthz/ready");
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        using var other = await fixture.App.Client.GetAsync($"{fixture.App.LocalBase}/api/checks?limit=1");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Request logging is on (the API call shows up), but probes stay below Information.
        await Poll.UntilAsync(() => fixture.App.Process.Output.Contains("/api/checks", StringComparison.Ordinal), "the API request in the log");
        var lines = fixture.App.Process.Output.Split('\n');
        Assert.DoesNotContain(lines, l => l.Contains("/healthz/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthCheckSwitch_AppRunning_ExitsZero()
    {
        var (exitCode, output) = await RunHealthCheckAsync(fixture.App.Environment);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"127.0.0.1:{fixture.App.Port}/mailcheck/healthz/ready", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheckSwitch_NothingListening_ExitsOne()
    {
        var env = new Dictionary<string, string>(fixture.App.Environment)
        {
            ["ASPNETCORE_HTTP_PORTS"] = FreePort.Tcp().ToString(CultureInfo.InvariantCulture),
        };

        var (exitCode, output) = await RunHealthCheckAsync(env);

        Assert.True(exitCode == 1, output);
    }

    [Theory]
    [InlineData("public.example")]
    [InlineData("public.example:8443")]
    public async Task Api_ThroughProxy_LocationAndUrlArePublic(string host)
    {
        using var client = PublicHttp.ThroughProxy(fixture.Nginx);
        var origin = $"https://{host}/mailcheck";

        using var response = await client.PostAsJsonAsync($"{origin}/api/checks", fixture.QuickCheck());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri($"{origin}/api/checks/{id}"), response.Headers.Location);
        Assert.Equal($"{origin}/checks/{id}", body.GetProperty("url").GetString());

        using var details = await client.GetAsync(response.Headers.Location);
        Assert.Equal($"{origin}/checks/{id}", JsonDocument.Parse(await details.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Page_ThroughProxy_ShareLinkAndBaseHrefArePublic()
    {
        var id = await fixture.App.SubmitOkAsync(fixture.QuickCheck());
        using var client = PublicHttp.ThroughProxy(fixture.Nginx);

        using var page = await client.GetAsync($"{PublicBase}/checks/{id}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{PublicBase}/checks/{id}", html, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/mailcheck/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"127.0.0.1:{fixture.App.Port}", html, StringComparison.Ordinal); // the internal address never leaks

        using var script = await client.GetAsync($"{PublicBase}/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Api_UnknownProxySendsForwardedHeaders_HeadersIgnored()
    {
        // 127.0.0.3 is not a known proxy: its X-Forwarded-* must not change the links.
        using var client = PublicHttp.Direct(fixture.App.Port, IPAddress.Parse("127.0.0.3"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.App.LocalBase}/api/checks")
        {
            Content = JsonContent.Create(fixture.QuickCheck()),
        };
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Prefix", "/evil");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith($"{fixture.App.LocalBase}/api/checks/", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_KnownProxyStripsPrefix_LinksCarryForwardedPrefix()
    {
        // Traefik's StripPrefix style: the proxy removes /edge and says so in X-Forwarded-Prefix.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.App.Port}/api/checks")
        {
            Content = JsonContent.Create(fixture.QuickCheck()),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "edge.example");
        request.Headers.Add("X-Forwarded-Prefix", "/edge");

        using var response = await fixture.App.Client.SendAsync(request);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri($"https://edge.example/edge/api/checks/{id}"), response.Headers.Location);
    }

    [Fact]
    public async Task Hub_ThroughProxy_WebSocketUpgradeAndHandshake()
    {
        using var handler = PublicHttp.Handler(new IPEndPoint(IPAddress.Loopback, fixture.Nginx.Port), null, fixture.Nginx.Certificate);
        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await socket.ConnectAsync(new Uri("wss://public.example/mailcheck/hubs/checks"), invoker, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    private static async Task<(int ExitCode, string Output)> RunHealthCheckAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var check = AppProcess.Start(PublishedApp.Directory, ContainerRecipe.Current.HealthCheckCommand, environment);
        Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(30)), "--health-check did not exit within 30 s");
        return (check.ExitCode, check.Output);
    }
}
