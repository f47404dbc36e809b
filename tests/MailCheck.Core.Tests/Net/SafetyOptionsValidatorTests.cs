using System.Net;
using MailCheck.Core.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Net;

/// <summary>Safety (issue 6, item 2): <c>MailCheck:Safety</c> binds as documented and a malformed value stops start-up.</summary>
[Trait("Category", "Safety")]
public class SafetyOptionsValidatorTests
{
    [Fact]
    public void GetErrors_Defaults_ReturnsNone()
    {
        var options = new SafetyOptions();

        Assert.Empty(SafetyOptionsValidator.GetErrors(options));
        Assert.Equal([25, 465, 587], options.EffectiveAllowedPorts);
        Assert.Empty(options.AllowedNetworks);
        Assert.True(options.AllowSend);
    }

    [Fact]
    public void GetErrors_LabNetworks_ReturnsNone()
    {
        var options = new SafetyOptions { AllowedNetworks = ["127.0.0.0/8", "::1/128", "127.0.0.2", "fd00::/8", "0.0.0.0/0"], AllowedPorts = [2525] };

        Assert.Empty(SafetyOptionsValidator.GetErrors(options));
    }

    [Theory]
    [InlineData("10.0.0.0/33", "no valid prefix length (0-32)")]
    [InlineData("::1/129", "no valid prefix length (0-128)")]
    [InlineData("10.0.0.0/-1", "no valid prefix length")]
    [InlineData("10.0.0.0/", "no valid prefix length")]
    [InlineData("10.0.0.0/8x", "no valid prefix length")]
    [InlineData("localhost", "is not a network")]
    [InlineData("10.0.0.0.0/8", "is not a network")]
    [InlineData("fe80::1%eth0/128", "is not a network")]
    [InlineData("", "is empty")]
    [InlineData("  ", "is empty")]
    [InlineData("10.0.0.1/8", "did you mean 10.0.0.0/8?")]
    [InlineData("fd00::1/8", "did you mean fd00::/8?")]
    public void GetErrors_MalformedNetwork_NamesTheKey(string network, string problem)
    {
        var errors = SafetyOptionsValidator.GetErrors(new SafetyOptions { AllowedNetworks = ["127.0.0.0/8", network] });

        var error = Assert.Single(errors);
        Assert.StartsWith("MailCheck:Safety:AllowedNetworks:1: ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-25)]
    [InlineData(65536)]
    public void GetErrors_BadPort_NamesTheKey(int port)
    {
        var errors = SafetyOptionsValidator.GetErrors(new SafetyOptions { AllowedPorts = [25, port] });

        Assert.Equal($"MailCheck:Safety:AllowedPorts:1: {port} is not a TCP port (1-65535).", Assert.Single(errors));
    }

    [Fact]
    public void GetErrors_EmptyPortList_NamesTheKey()
    {
        var error = Assert.Single(SafetyOptionsValidator.GetErrors(new SafetyOptions { AllowedPorts = [] }));

        Assert.StartsWith("MailCheck:Safety:AllowedPorts is empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Malformed_FailsWithEveryError()
    {
        var result = new SafetyOptionsValidator().Validate(null, new SafetyOptions { AllowedNetworks = ["x"], AllowedPorts = [0] });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void Bind_ConfiguredPorts_ReplaceTheDefaultsInsteadOfAppending()
    {
        var services = Register(new()
        {
            ["MailCheck:Safety:AllowedPorts:0"] = "2525",
            ["MailCheck:Safety:AllowedNetworks:0"] = "127.0.0.0/8",
            ["MailCheck:Safety:AllowSend"] = "false",
        });

        var options = services.GetRequiredService<IOptions<SafetyOptions>>().Value;

        Assert.Equal([2525], options.EffectiveAllowedPorts);
        Assert.Equal(["127.0.0.0/8"], options.AllowedNetworks);
        Assert.False(options.AllowSend);
        var policy = services.GetRequiredService<ITargetPolicy>();
        Assert.True(policy.Evaluate(IPAddress.Loopback, 2525).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Loopback, 25).Allowed);
    }

    [Fact]
    public void Bind_NothingConfigured_UsesTheDefaults()
    {
        var services = Register([]);

        services.GetRequiredService<IStartupValidator>().Validate();
        var policy = services.GetRequiredService<ITargetPolicy>();

        Assert.Equal([25, 465, 587], services.GetRequiredService<IOptions<SafetyOptions>>().Value.EffectiveAllowedPorts);
        Assert.False(policy.Evaluate(IPAddress.Loopback, 25).Allowed);
        Assert.True(policy.Evaluate(IPAddress.Parse("8.8.8.8"), 587).Allowed);
    }

    [Fact]
    public void ValidateOnStart_MalformedNetwork_FailsNamingTheKey()
    {
        var services = Register(new() { ["MailCheck:Safety:AllowedNetworks:0"] = "127.0.0.0/8", ["MailCheck:Safety:AllowedNetworks:1"] = "10.0.0.0/40" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MailCheck:Safety:AllowedNetworks:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_MalformedPort_FailsNamingTheKey()
    {
        var services = Register(new() { ["MailCheck:Safety:AllowedPorts:0"] = "70000" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MailCheck:Safety:AllowedPorts:0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The registration the report asks the lead to add to the web host, verbatim.</summary>
    private static ServiceProvider Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection(SafetyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SafetyOptions>, SafetyOptionsValidator>());
        services.TryAddSingleton<SafetyTargetPolicy>();
        services.Replace(ServiceDescriptor.Singleton<ITargetPolicy>(sp => sp.GetRequiredService<SafetyTargetPolicy>()));
        return services.BuildServiceProvider();
    }
}
