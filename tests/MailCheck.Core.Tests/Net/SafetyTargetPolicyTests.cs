using System.Net;
using MailCheck.Core.Net;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Net;

/// <summary>Safety (issue 6, items 1 and 2): allowed networks override the special ranges; only allowed ports.</summary>
[Trait("Category", "Safety")]
public class SafetyTargetPolicyTests
{
    private static SafetyTargetPolicy Create(IList<string>? networks = null, IList<int>? ports = null) =>
        new(Options.Create(new SafetyOptions { AllowedNetworks = networks ?? [], AllowedPorts = ports }));

    [Theory]
    [InlineData(25)]
    [InlineData(465)]
    [InlineData(587)]
    public void Evaluate_DefaultPort_Allows(int port)
    {
        Assert.True(Create().Evaluate(IPAddress.Parse("8.8.8.8"), port).Allowed);
    }

    [Theory]
    [InlineData(2525)]
    [InlineData(80)]
    [InlineData(24)]
    [InlineData(26)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Evaluate_OtherPort_BlocksListingTheAllowedOnes(int port)
    {
        var decision = Create().Evaluate(IPAddress.Parse("8.8.8.8"), port);

        Assert.False(decision.Allowed);
        Assert.Equal($"port {port} is not allowed (allowed: 25, 465, 587)", decision.Reason);
    }

    [Fact]
    public void Evaluate_ConfiguredPorts_ReplaceTheDefaults()
    {
        var policy = Create(ports: [2525, 25, 2525]);

        Assert.True(policy.Evaluate(IPAddress.Parse("8.8.8.8"), 2525).Allowed);
        Assert.True(policy.Evaluate(IPAddress.Parse("8.8.8.8"), 25).Allowed);
        Assert.Equal("port 587 is not allowed (allowed: 25, 2525)", policy.Evaluate(IPAddress.Parse("8.8.8.8"), 587).Reason);
    }

    [Fact]
    public void Evaluate_BadPortAndBadAddress_ReportsThePort()
    {
        var decision = Create().Evaluate(IPAddress.Loopback, 2525);

        Assert.Equal("port 2525 is not allowed (allowed: 25, 465, 587)", decision.Reason);
    }

    [Fact]
    public void Evaluate_AllowedNetwork_DoesNotOpenOtherPorts()
    {
        var decision = Create(networks: ["127.0.0.0/8"]).Evaluate(IPAddress.Loopback, 2525);

        Assert.False(decision.Allowed);
    }

    [Theory]
    [InlineData("127.0.0.0/8", "127.0.0.1", true)]
    [InlineData("127.0.0.0/8", "127.0.0.0", true)]
    [InlineData("127.0.0.0/8", "127.255.255.255", true)]
    [InlineData("127.0.0.0/8", "10.0.0.1", false)]
    [InlineData("127.0.0.0/8", "::1", false)]
    [InlineData("127.0.0.2", "127.0.0.2", true)]
    [InlineData("127.0.0.2", "127.0.0.3", false)]
    [InlineData("127.0.0.2/32", "127.0.0.1", false)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("::1/128", "127.0.0.1", false)]
    [InlineData("10.1.0.0/16", "10.1.255.255", true)]
    [InlineData("10.1.0.0/16", "10.2.0.0", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("fd00::/8", "fc00::1", false)]
    [InlineData("169.254.0.0/16", "169.254.169.254", true)]
    [InlineData("0.0.0.0/0", "192.168.1.1", true)]
    [InlineData("0.0.0.0/0", "fe80::1", false)]
    public void Evaluate_AllowedNetworks_OverrideTheSpecialRanges(string network, string address, bool allowed)
    {
        var decision = Create(networks: [network]).Evaluate(IPAddress.Parse(address), 25);

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Evaluate_SeveralAllowedNetworks_AllowEach()
    {
        var policy = Create(networks: ["127.0.0.0/8", "::1/128", " 10.0.0.0/8 "]);

        Assert.True(policy.Evaluate(IPAddress.Parse("127.0.0.5"), 25).Allowed);
        Assert.True(policy.Evaluate(IPAddress.IPv6Loopback, 25).Allowed);
        Assert.True(policy.Evaluate(IPAddress.Parse("10.9.8.7"), 25).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("192.168.0.1"), 25).Allowed);
    }

    [Fact]
    public void Constructor_MalformedOptions_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Create(networks: ["127.0.0.0/33"]));

        Assert.Contains("MailCheck:Safety:AllowedNetworks:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ManyThreads_GiveTheSameAnswers()
    {
        var policy = Create(networks: ["127.0.0.0/8"]);
        string[] addresses = ["127.0.0.1", "10.0.0.1", "8.8.8.8", "::ffff:10.0.0.1", "2002:a00:1::", "2606:4700:4700::1111"];
        var expected = addresses.Select(a => policy.Evaluate(IPAddress.Parse(a), 25)).ToArray();

        const int Rounds = 500;
        var results = new TargetDecision[8][];
        Parallel.For(0, results.Length, i =>
            results[i] = [.. Enumerable.Range(0, Rounds).SelectMany(_ => addresses.Select(a => policy.Evaluate(IPAddress.Parse(a), 25)))]);

        Assert.All(results, r => Assert.Equal(Enumerable.Range(0, Rounds).SelectMany(_ => expected), r));
        Assert.Equal([true, false, true, false, false, true], expected.Select(d => d.Allowed));
    }
}
