using System.Net;
using System.Text;
using MailCheck.Web.Tests.Api;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Web.Tests.Safety;

/// <summary>Per-client and per-domain limits through the API (a scripted engine: nothing leaves the machine).</summary>
public sealed class RateLimitTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.1");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private SafetyWebFactory Factory(IPAddress remote, int perClient = 10, int perDomain = 20)
    {
        var factory = new SafetyWebFactory { RemoteIp = remote, Time = _time };
        factory.Settings["MailCheck:ReverseProxy:KnownProxies:0"] = Proxy.ToString();
        factory.Settings["MailCheck:Limits:PerClient:Limit"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["MailCheck:Limits:PerClient:Window"] = "00:10:00";
        factory.Settings["MailCheck:Limits:PerDomain:Limit"] = perDomain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["MailCheck:Limits:PerDomain:Window"] = "01:00:00";
        return factory;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string domain = "example.com", string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checks")
        {
            Content = new StringContent($$"""{"domain":"{{domain}}","mode":"probe"}""", Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task Post_PerClientLimitReached_Returns429WithRetryAfterAndRunsNothingMore()
    {
        await using var factory = Factory(IPAddress.Parse("203.0.113.10"), perClient: 3);
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, $"d{i}.example")).StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(4));
        var refused = await PostAsync(client, "d9.example");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(6), refused.Headers.RetryAfter?.Delta);
        var problem = await refused.JsonAsync();
        Assert.Equal("Too many checks from your address: at most 3 every 10 minutes.", problem.GetProperty("title").GetString());
        Assert.Equal("Nothing was queued. Try again in 360 seconds.", problem.GetProperty("detail").GetString());
        Assert.Equal(360, problem.GetProperty("retryAfterSeconds").GetInt32());
        await Fakes.Poll.UntilAsync(() => Task.FromResult(factory.Engine.Runs.Count == 3), "three checks to run");
        Assert.Equal(3, (await (await client.GetAsync("/api/checks")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.DoesNotContain(factory.Engine.Runs, r => r.Request.Domain == "d9.example");

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "d9.example")).StatusCode);
    }

    [Fact]
    public async Task Post_ForwardedForFromKnownProxy_CountsEachClientSeparately()
    {
        await using var factory = Factory(Proxy, perClient: 2);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "a.example", "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "b.example", "203.0.113.5")).StatusCode);
        var third = await PostAsync(client, "c.example", "203.0.113.5");
        var other = await PostAsync(client, "c.example", "203.0.113.6");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task Post_ClientPrependsForwardedFor_OnlyTheAddressTheProxyAddedCounts()
    {
        await using var factory = Factory(Proxy, perClient: 2);
        using var client = factory.CreateClient();

        // The proxy appends the real client to whatever the client sent; a forged first entry changes nothing.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "a.example", "192.0.2.1, 203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "b.example", "192.0.2.2, 203.0.113.5")).StatusCode);
        var third = await PostAsync(client, "c.example", "192.0.2.3, 203.0.113.5");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task Post_ForwardedForFromUnknownProxy_IsIgnoredAndTheConnectionIsCounted()
    {
        await using var factory = Factory(IPAddress.Parse("198.51.100.9"), perClient: 2);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "a.example", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "b.example", "203.0.113.2")).StatusCode);
        var third = await PostAsync(client, "c.example", "203.0.113.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task Post_PerDomainLimitReached_Returns429NamingTheDomainWhoeverAsks()
    {
        await using var factory = Factory(Proxy, perClient: 10, perDomain: 2);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "example.com", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "EXAMPLE.com", "203.0.113.2")).StatusCode);
        var refused = await PostAsync(client, "example.com", "203.0.113.3");
        var otherDomain = await PostAsync(client, "example.org", "203.0.113.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(
            "example.com has been checked too often: at most 2 checks of one domain every 1 hour.",
            (await refused.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Accepted, otherDomain.StatusCode);
        await Fakes.Poll.UntilAsync(() => Task.FromResult(factory.Engine.Runs.Count == 3), "three checks to run");
        Assert.Equal(2, factory.Engine.Runs.Count(r => r.Request.Domain == "example.com"));
    }
}
