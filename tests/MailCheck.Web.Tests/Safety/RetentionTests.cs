using System.Net;
using MailCheck.Web.Data;
using MailCheck.Web.Safety;
using MailCheck.Web.Tests.Api;
using MailCheck.Web.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Web.Tests.Safety;

public sealed class RetentionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Sweep_CheckOlderThanRetention_IsDeletedWithItsEventsAndNewerOnesStay()
    {
        await using var factory = new SafetyWebFactory { Time = _time };
        factory.Settings["MailCheck:Retention"] = "30.00:00:00";
        factory.Settings["MailCheck:RetentionSweepInterval"] = "01:00:00";
        using var client = factory.CreateClient();

        var old = await client.SubmitAsync("""{"domain":"old.example","mode":"probe"}""");
        await client.WaitForStatusAsync(old);
        _time.Advance(TimeSpan.FromDays(29));
        var recent = await client.SubmitAsync("""{"domain":"recent.example","mode":"probe"}""");
        await client.WaitForStatusAsync(recent);

        // Sweeps run every hour of fake time; step until the old check (30 days + a little) is gone.
        await Poll.UntilAsync(
            async () =>
            {
                _time.Advance(TimeSpan.FromHours(1));
                return (await client.GetAsync($"/api/checks/{old}")).StatusCode == HttpStatusCode.NotFound;
            },
            "the old check to be deleted");

        Assert.True(_time.GetUtcNow() - TimeSpan.FromDays(30) > new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/checks/{recent}")).StatusCode);
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<MailCheckDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Events.CountAsync(e => e.CheckId == old));
        Assert.True(await db.Events.CountAsync(e => e.CheckId == recent) > 0);
    }

    [Fact]
    public async Task Sweep_NothingOldEnough_DeletesNothing()
    {
        await using var factory = new SafetyWebFactory { Time = _time };
        using var client = factory.CreateClient();
        var id = await client.SubmitAsync("""{"domain":"kept.example","mode":"probe"}""");
        await client.WaitForStatusAsync(id);
        var service = factory.Services.GetRequiredService<RetentionService>();
        var sweeps = 0;
        service.Swept += _ => Interlocked.Increment(ref sweeps);

        await Poll.UntilAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromHours(1));
                return Task.FromResult(Volatile.Read(ref sweeps) >= 3);
            },
            "three sweeps");

        Assert.Equal(RetentionOptions.DefaultRetention, factory.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.Retention);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/checks/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("00:10:00")]
    [InlineData("-1.00:00:00")]
    public void Options_RetentionTooShort_FailsValidation(string retention)
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions { Retention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("MailCheck:Retention", result.FailureMessage, StringComparison.Ordinal);
    }
}
