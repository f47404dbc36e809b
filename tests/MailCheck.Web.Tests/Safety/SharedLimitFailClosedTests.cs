using System.Net;
using System.Text;
using MailCheck.Web.Safety;
using MailCheck.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Safety;

/// <summary>A shared limit whose count cannot be known (its database does not answer) refuses: 503, nothing queued.</summary>
public sealed class SharedLimitFailClosedTests
{
    [Fact]
    public async Task Post_CounterFails_Returns503WithRetryAfterAndQueuesNothing()
    {
        await using var factory = new SafetyWebFactory();
        using var client = factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.AddSingleton<IRateLimitCounterFactory>(new FailingCounters()))).CreateClient();

        using var content = new StringContent("""{"domain":"example.com","mode":"probe"}""", Encoding.UTF8, "application/json");
        var refused = await client.PostAsync(new Uri("/api/checks", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("cannot count checks against its rate limits", (await refused.JsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await client.GetAsync(new Uri("/api/checks", UriKind.Relative))).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Empty(factory.Engine.Runs);
    }

    private sealed class FailingCounters : IRateLimitCounterFactory
    {
        public IRateLimitCounter Create(string scope, WindowLimitOptions limit) => new Failing(limit);

        private sealed class Failing(WindowLimitOptions limit) : IRateLimitCounter
        {
            public int Limit => limit.Limit;

            public TimeSpan Window => limit.Window;

            public ValueTask<TimeSpan?> TryAcquireAsync(string key, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("the database does not answer");
        }
    }
}
