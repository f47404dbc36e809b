using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailCheck.ScaleOut.Rig;
using Xunit.Abstractions;

namespace MailCheck.ScaleOut;

/// <summary>
/// The rate limits hold across instances: a pair of instances of their own (ports not behind HAProxy) on a new
/// database, with low limits. Each request goes straight to one instance, from "a proxy" (127.0.0.1 is trusted)
/// forwarding for a documentation address, so the client is the same whichever instance answers.
/// </summary>
[Collection(ScaleRigDefinition.Name)]
public sealed class SharedLimitTests(ScaleFixture fx, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private MailCheckInstance _one = null!;
    private MailCheckInstance _two = null!;

    public async Task InitializeAsync()
    {
        var database = await fx.NewDatabaseAsync();
        var limits = new Dictionary<string, string>
        {
            ["MailCheck__Limits__PerClient__Limit"] = "3",
            ["MailCheck__Limits__PerClient__Window"] = "00:01:00",
            ["MailCheck__Limits__PerDomain__Limit"] = "4",
            ["MailCheck__Limits__PerDomain__Window"] = "00:01:00",
        };
        _one = fx.NewInstance("limits-1", fx.Settings.SparePorts[0], database, limits);
        _two = fx.NewInstance("limits-2", fx.Settings.SparePorts[1], database, limits);
        _one.Start();
        _two.Start();
        await Task.WhenAll(_one.WaitReadyAsync(TimeSpan.FromSeconds(90)), _two.WaitReadyAsync(TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public async Task PerClientAndPerDomain_CountedAcrossBothInstances_RefusedWithTheExactRetryAfter()
    {
        var firstSent = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(_one, "198.51.100.7", 0)).Status);
        var firstAnswered = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(_two, "198.51.100.7", 1)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(_one, "198.51.100.7", 2)).Status);

        // The fourth of this client, on the other instance: refused until the first leaves the window.
        var refused = await SubmitAsync(_two, "198.51.100.7", 3);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("at most 3 every 1 minute", refused.Body, StringComparison.Ordinal);
        var earliest = (int)Math.Floor((firstSent + Window - now).TotalSeconds);
        var latest = (int)Math.Ceiling((firstAnswered + Window - now).TotalSeconds) + 1;
        output.WriteLine($"Retry-After {refused.RetryAfter} s (expected {earliest}..{latest})");
        Assert.InRange(refused.RetryAfter, earliest, latest);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(_one, "198.51.100.7", 4)).Status);

        // The domain's fourth check (another client) passes; its fifth (a third client) is refused, on either instance.
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(_two, "198.51.100.8", 5)).Status);
        var domain = await SubmitAsync(_one, "198.51.100.9", 6);
        Assert.Equal(HttpStatusCode.TooManyRequests, domain.Status);
        Assert.Contains("postfix.test has been checked too often", domain.Body, StringComparison.Ordinal);
        Assert.InRange(domain.RetryAfter, earliest - 1, latest);
    }

    private static async Task<(HttpStatusCode Status, int RetryAfter, string Body)> SubmitAsync(MailCheckInstance instance, string client, int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/checks", UriKind.Relative))
        {
            Content = JsonContent.Create(new { domain = "postfix.test", to = new[] { $"limit{n.ToString(CultureInfo.InvariantCulture)}@postfix.test" }, mode = "connect" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        using var response = await instance.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var retry = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : -1;
        return (response.StatusCode, retry, body);
    }

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }
}
