using System.Globalization;
using System.Net;
using MailCheck.Web.Tests.Api;
using MailCheck.Web.Tests.Fakes;
using Xunit.Abstractions;

namespace MailCheck.Web.Tests.Safety;

/// <summary>
/// A bounded burst on loopback: 200 API submissions at once, for two domains, against the real engine and a real SMTP server. Each is
/// accepted (and then finishes) or refused with 429 or 503 and a Retry-After; never a 500, never an accepted check lost.
/// Posture is off: this measures the queue and the limits, not the DNS lookups of the scorecard.
/// No timing is asserted.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Submissions = 200;

    [Fact]
    public async Task Post_200Concurrent_EachAcceptedAndFinishedOrRefusedWith429Or503()
    {
        await using var lab = await SmtpLab.StartAsync();
        await using var factory = new SafetyWebFactory { UseRealEngine = true };
        lab.Apply(factory);
        factory.Settings["MailCheck:Limits:PerClient:Limit"] = "1000";
        factory.Settings["MailCheck:Limits:PerDomain:Limit"] = "20";
        factory.Settings["MailCheck:Limits:QueueCapacity"] = "30";
        lab.Dns.AddMx("other.test", 10, "mx1." + SmtpLab.Domain);
        factory.Settings["MailCheck:Limits:MaxConcurrentChecks"] = "8";
        using var client = factory.CreateClient();
        string Body(int i) => string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"domain":"{{(i % 2 == 0 ? SmtpLab.Domain : "other.test")}}","mode":"connect","port":{{lab.Port}},"tls":"none","posture":false}""");

        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, Submissions).Select(async i =>
        {
            await start.WaitAsync();
            return await client.PostJsonAsync(Body(i));
        }).ToList();
        start.Release(Submissions);
        var responses = await Task.WhenAll(posts).Bounded();

        var unexpected = responses.Where(r => r.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, $"unexpected answers: {string.Join(", ", unexpected.Select(r => (int)r.StatusCode))}");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{(int)refused.StatusCode} without Retry-After");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        var accepted = new List<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Accepted))
        {
            accepted.Add((await response.JsonAsync()).GetProperty("id").GetString()!);
        }

        output.WriteLine($"202: {accepted.Count}, 429: {responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests)}, 503: {responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable)}");
        Assert.NotEmpty(accepted);
        var listed = new Dictionary<string, (string Status, string? Outcome)>(StringComparer.Ordinal);
        await Poll.UntilAsync(
            async () =>
            {
                var list = await (await client.GetAsync("/api/checks?limit=500")).JsonAsync();
                listed = list.GetProperty("items").EnumerateArray().ToDictionary(
                    i => i.GetProperty("id").GetString()!,
                    i => (i.GetProperty("status").GetString()!, i.TryGetProperty("outcome", out var o) ? o.GetString() : null),
                    StringComparer.Ordinal);
                return accepted.All(id => listed.TryGetValue(id, out var c) && c.Status == "finished");
            },
            "every accepted check to finish",
            TimeSpan.FromSeconds(90)); // a bounded wait, not a timing goal: 30+ checks on a machine shared with other builds

        Assert.Equal(accepted.Count, listed.Count);
        Assert.All(accepted, id => Assert.Equal("accepted", listed[id].Outcome));
        Assert.True(lab.Smtp.SessionCount >= accepted.Count);
    }
}
