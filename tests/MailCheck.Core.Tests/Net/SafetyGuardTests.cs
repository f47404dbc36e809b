using MailCheck.Core.Checks;
using MailCheck.Core.Net;

namespace MailCheck.Core.Tests.Net;

/// <summary>Safety (issue 6, items 1, 2 and 4): the enqueue-side check refuses what the engine would refuse.</summary>
[Trait("Category", "Safety")]
public class SafetyGuardTests
{
    private static readonly CheckRequest Valid = new()
    {
        Domain = "example.com",
        From = "me@example.org",
        Recipients = ["you@example.com"],
        Mode = CheckMode.Send,
        Port = 25,
    };

    [Fact]
    public void CheckRequest_ValidRequest_ReturnsNoErrors()
    {
        Assert.Empty(SafetyGuard.CheckRequest(Valid, new SafetyOptions()));
    }

    [Fact]
    public void CheckRequest_PortNotAllowed_RefusesThePort()
    {
        var errors = SafetyGuard.CheckRequest(Valid with { Port = 2525 }, new SafetyOptions());

        Assert.Equal([new FieldError("port", "Port 2525 is not allowed (allowed: 25, 465, 587).")], errors);
    }

    [Fact]
    public void CheckRequest_ConfiguredPort_IsAccepted()
    {
        Assert.Empty(SafetyGuard.CheckRequest(Valid with { Port = 2525 }, new SafetyOptions { AllowedPorts = [2525] }));
    }

    [Fact]
    public void CheckRequest_SendWhileSendingIsOff_RefusesTheMode()
    {
        var errors = SafetyGuard.CheckRequest(Valid, new SafetyOptions { AllowSend = false });

        Assert.Equal([new FieldError("mode", "This MailCheck instance does not send messages; use probe or connect.")], errors);
    }

    [Theory]
    [InlineData(CheckMode.Probe)]
    [InlineData(CheckMode.Connect)]
    public void CheckRequest_ProbeOrConnectWhileSendingIsOff_IsAccepted(CheckMode mode)
    {
        Assert.Empty(SafetyGuard.CheckRequest(Valid with { Mode = mode }, new SafetyOptions { AllowSend = false }));
    }

    [Theory]
    [InlineData("[10.0.0.1]", "10.0.0.1 is in 10.0.0.0/8 (private)")]
    [InlineData("[127.0.0.1]", "127.0.0.1 is in 127.0.0.0/8 (loopback)")]
    [InlineData("[169.254.169.254]", "169.254.169.254 is in 169.254.0.0/16 (link-local)")]
    [InlineData("[192.0.2.1]", "192.0.2.1 is in 192.0.2.0/24 (documentation)")]
    [InlineData("[IPv6:::1]", "::1 is in ::1/128 (loopback)")]
    [InlineData("[ipv6:fe80::1]", "fe80::1 is in fe80::/10 (link-local)")]
    [InlineData("[IPv6:::ffff:10.0.0.1]", "::ffff:10.0.0.1 embeds 10.0.0.1, which is in 10.0.0.0/8 (private)")]
    [InlineData("[127.1]", "127.0.0.1 is in 127.0.0.0/8 (loopback)")]
    [InlineData("[0x7f.1]", "127.0.0.1 is in 127.0.0.0/8 (loopback)")]
    [InlineData("[2130706433]", "127.0.0.1 is in 127.0.0.0/8 (loopback)")]
    [InlineData(" [10.0.0.1]. ", "10.0.0.1 is in 10.0.0.0/8 (private)")]
    [InlineData("10.0.0.1", "10.0.0.1 is in 10.0.0.0/8 (private)")]
    [InlineData("::1", "::1 is in ::1/128 (loopback)")]
    public void CheckRequest_AddressLiteralInBlockedRange_RefusesTheDomain(string domain, string reason)
    {
        var errors = SafetyGuard.CheckRequest(Valid with { Domain = domain }, new SafetyOptions());

        Assert.Equal([new FieldError("domain", reason)], errors);
    }

    [Theory]
    [InlineData("[8.8.8.8]")]
    [InlineData("[IPv6:2606:4700:4700::1111]")]
    [InlineData("mx.example.com")]
    [InlineData("localhost")] // a name: the engine checks whatever it resolves to
    [InlineData("[not-an-address]")] // malformed: the validator's business
    public void CheckRequest_PublicLiteralOrName_IsAccepted(string domain)
    {
        Assert.Empty(SafetyGuard.CheckRequest(Valid with { Domain = domain }, new SafetyOptions()));
    }

    [Fact]
    public void CheckRequest_LiteralInAllowedNetwork_IsAccepted()
    {
        var options = new SafetyOptions { AllowedNetworks = ["127.0.0.0/8"] };

        Assert.Empty(SafetyGuard.CheckRequest(Valid with { Domain = "[127.0.0.2]" }, options));
    }

    [Fact]
    public void CheckRequest_NoDomainAndLiteralRecipient_RefusesTheRecipient()
    {
        var errors = SafetyGuard.CheckRequest(Valid with { Domain = null, Recipients = ["postmaster@[192.168.1.1]"] }, new SafetyOptions());

        Assert.Equal([new FieldError("to", "192.168.1.1 is in 192.168.0.0/16 (private)")], errors);
    }

    [Fact]
    public void CheckRequest_EverythingWrong_ReportsEveryField()
    {
        var request = Valid with { Domain = "[10.0.0.1]", Port = 2525 };

        var errors = SafetyGuard.CheckRequest(request, new SafetyOptions { AllowSend = false });

        Assert.Equal(["port", "mode", "domain"], errors.Select(e => e.Field));
    }

    [Fact]
    public void CheckRequest_WithPolicy_MatchesTheOptionsOverload()
    {
        var options = new SafetyOptions { AllowSend = false, AllowedPorts = [587] };
        var request = Valid with { Domain = "[::1]", Port = 25 };

        Assert.Equal(
            SafetyGuard.CheckRequest(request, options),
            SafetyGuard.CheckRequest(request, new SafetyTargetPolicy(options)));
    }
}
