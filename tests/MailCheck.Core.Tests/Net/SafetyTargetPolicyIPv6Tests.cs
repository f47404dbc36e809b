using System.Net;
using MailCheck.Core.Net;

namespace MailCheck.Core.Tests.Net;

/// <summary>Safety (issue 6, item 1): special IPv6 ranges and everything outside global unicast.</summary>
[Trait("Category", "Safety")]
public class SafetyTargetPolicyIPv6Tests
{
    private static readonly SafetyTargetPolicy Policy = new(new SafetyOptions());

    [Theory]
    [InlineData("::", "::/128 (unspecified)")]
    [InlineData("::1", "::1/128 (loopback)")]
    [InlineData("100::", "100::/64 (discard-only)")]
    [InlineData("100::ffff:ffff:ffff:ffff", "100::/64 (discard-only)")]
    [InlineData("2001:1::1", "2001::/23 (IETF protocol assignments)")]
    [InlineData("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "2001::/23 (IETF protocol assignments)")]
    [InlineData("2001:2::", "2001:2::/48 (benchmarking)")]
    [InlineData("2001:2:0:ffff:ffff:ffff:ffff:ffff", "2001:2::/48 (benchmarking)")]
    [InlineData("2001:2:1::", "2001::/23 (IETF protocol assignments)")]
    [InlineData("2001:10::", "2001:10::/28 (ORCHID)")]
    [InlineData("2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", "2001:10::/28 (ORCHID)")]
    [InlineData("2001:20::", "2001:20::/28 (ORCHIDv2)")]
    [InlineData("2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", "2001:20::/28 (ORCHIDv2)")]
    [InlineData("2001:30::", "2001::/23 (IETF protocol assignments)")]
    [InlineData("2001:db8::", "2001:db8::/32 (documentation)")]
    [InlineData("2001:db8::1", "2001:db8::/32 (documentation)")]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::/32 (documentation)")]
    [InlineData("3fff::", "3fff::/20 (documentation)")]
    [InlineData("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff::/20 (documentation)")]
    [InlineData("5f00::1", "5f00::/16 (segment routing (SRv6) SIDs)")]
    [InlineData("fc00::", "fc00::/7 (unique local)")]
    [InlineData("fd00:ec2::254", "fc00::/7 (unique local)")]
    [InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fc00::/7 (unique local)")]
    [InlineData("fe80::", "fe80::/10 (link-local)")]
    [InlineData("fe80::1", "fe80::/10 (link-local)")]
    [InlineData("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::/10 (link-local)")]
    [InlineData("fec0::", "fec0::/10 (site-local)")]
    [InlineData("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::/10 (site-local)")]
    [InlineData("ff00::", "ff00::/8 (multicast)")]
    [InlineData("ff02::1", "ff00::/8 (multicast)")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff00::/8 (multicast)")]
    public void Evaluate_SpecialIPv6_BlocksNamingTheRange(string address, string range)
    {
        var parsed = IPAddress.Parse(address);

        var decision = Policy.Evaluate(parsed, 25);

        Assert.False(decision.Allowed);
        Assert.Equal($"{parsed} is in {range}", decision.Reason);
    }

    [Theory]
    [InlineData("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("4000::")]
    [InlineData("100:0:0:1::")]
    [InlineData("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("fe00::")]
    [InlineData("1::")]
    [InlineData("5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("5f01::")]
    public void Evaluate_IPv6OutsideGlobalUnicast_Blocks(string address)
    {
        var parsed = IPAddress.Parse(address);

        var decision = Policy.Evaluate(parsed, 25);

        Assert.False(decision.Allowed);
        Assert.Equal($"{parsed} is not in 2000::/3 (IPv6 global unicast)", decision.Reason);
    }

    [Theory]
    [InlineData("2000::")]
    [InlineData("2001:200::")]
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db9::")]
    [InlineData("2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2003::")]
    [InlineData("3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("3fff:1000::")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82b::200e")]
    public void Evaluate_GlobalUnicastIPv6_Allows(string address)
    {
        var decision = Policy.Evaluate(IPAddress.Parse(address), 25);

        Assert.True(decision.Allowed, decision.Reason);
    }

    [Fact]
    public void Evaluate_LinkLocalWithScopeId_Blocks()
    {
        var decision = Policy.Evaluate(IPAddress.Parse("fe80::1%2"), 25);

        Assert.False(decision.Allowed);
        Assert.EndsWith("is in fe80::/10 (link-local)", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::ffff:10.0.0.1", "10.0.0.0/8")]
    [InlineData("::ffff:42.42.42.42", "2000::/3")]
    [InlineData("::ffff:42.42.42.42", "::ffff:0:0/96")]
    public void SpecialRange_OtherFamily_IsNeverMatchedByFamilyConversion(string address, string cidr)
    {
        // IPNetwork.Contains on this runtime converts families here (dotnet/runtime#131861); the policy must not.
        var range = new SpecialRange(cidr, "test");
        var parsed = IPAddress.Parse(address);

        Assert.Equal(cidr == "::ffff:0:0/96", range.Contains(parsed));
    }

    [Fact]
    public void SpecialRanges_EveryIPv6Range_IsFoundAtItsFirstAddress()
    {
        Assert.All(SpecialRanges.IPv6, range => Assert.Same(range, SpecialRanges.Find(range.Network.BaseAddress)));
    }
}
