using MailCheck.Web.Safety;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Tests.Safety;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public void Defaults_AreTenPerTenMinutesAndTwentyPerHour()
    {
        var options = new RateLimitOptions();

        Assert.Equal((10, TimeSpan.FromMinutes(10)), (options.PerClient.Limit, options.PerClient.Window));
        Assert.Equal((20, TimeSpan.FromHours(1)), (options.PerDomain.Limit, options.PerDomain.Window));
        Assert.True(new RateLimitOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_ZeroLimitAndZeroWindow_FailsNamingTheKeys()
    {
        var options = new RateLimitOptions
        {
            PerClient = new WindowLimitOptions { Limit = 0, Window = TimeSpan.FromMinutes(1) },
            PerDomain = new WindowLimitOptions { Limit = 5, Window = TimeSpan.Zero },
        };

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MailCheck:Limits:PerClient", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MailCheck:Limits:PerDomain", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidLimit_StopsTheAppWithAMessageNamingTheKey()
    {
        await using var factory = new SafetyWebFactory();
        factory.Settings["MailCheck:Limits:PerClient:Limit"] = "0";

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("MailCheck:Limits:PerClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnlyLimitConfigured_KeepsTheDefaultWindow()
    {
        await using var factory = new SafetyWebFactory();
        factory.Settings["MailCheck:Limits:PerDomain:Limit"] = "3";
        using var client = factory.CreateClient();

        var options = factory.Services.GetService(typeof(IOptions<RateLimitOptions>)) as IOptions<RateLimitOptions>;

        Assert.Equal(3, options!.Value.PerDomain.Limit);
        Assert.Equal(TimeSpan.FromHours(1), options.Value.PerDomain.Window);
        Assert.Equal(10, options.Value.PerClient.Limit);
    }
}
