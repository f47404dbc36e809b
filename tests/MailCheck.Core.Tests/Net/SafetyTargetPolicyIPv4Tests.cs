using System.Net;
using MailCheck.Core.Net;

namespace MailCheck.Core.Tests.Net;

/// <summary>Safety (issue 6, item 1): every special IPv4 range, with its first and last address and its neighbours.</summary>
[Trait("Category", "Safety")]
public class SafetyTargetPolicyIPv4Tests
{
    private static readonly SafetyTargetPolicy Policy = new(new SafetyOptions());

    [Theory]
    // this network
    [InlineData("0.0.0.0", "0.0.0.0/8 (this network)")]
    [InlineData("0.255.255.255", "0.0.0.0/8 (this network)")]
    // private
    [InlineData("10.0.0.0", "10.0.0.0/8 (private)")]
    [InlineData("10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("10.255.255.255", "10.0.0.0/8 (private)")]
    [InlineData("172.16.0.0", "172.16.0.0/12 (private)")]
    [InlineData("172.31.255.255", "172.16.0.0/12 (private)")]
    [InlineData("192.168.0.0", "192.168.0.0/16 (private)")]
    [InlineData("192.168.1.1", "192.168.0.0/16 (private)")]
    [InlineData("192.168.255.255", "192.168.0.0/16 (private)")]
    // carrier-grade NAT
    [InlineData("100.64.0.0", "100.64.0.0/10 (carrier-grade NAT)")]
    [InlineData("100.127.255.255", "100.64.0.0/10 (carrier-grade NAT)")]
    // loopback
    [InlineData("127.0.0.0", "127.0.0.0/8 (loopback)")]
    [InlineData("127.0.0.1", "127.0.0.0/8 (loopback)")]
    [InlineData("127.255.255.255", "127.0.0.0/8 (loopback)")]
    // link-local, cloud metadata included
    [InlineData("169.254.0.0", "169.254.0.0/16 (link-local)")]
    [InlineData("169.254.169.254", "169.254.0.0/16 (link-local)")]
    [InlineData("169.254.255.255", "169.254.0.0/16 (link-local)")]
    // IETF protocol assignments
    [InlineData("192.0.0.0", "192.0.0.0/24 (IETF protocol assignments)")]
    [InlineData("192.0.0.255", "192.0.0.0/24 (IETF protocol assignments)")]
    // documentation
    [InlineData("192.0.2.0", "192.0.2.0/24 (documentation)")]
    [InlineData("192.0.2.255", "192.0.2.0/24 (documentation)")]
    [InlineData("198.51.100.0", "198.51.100.0/24 (documentation)")]
    [InlineData("198.51.100.255", "198.51.100.0/24 (documentation)")]
    [InlineData("203.0.113.0", "203.0.113.0/24 (documentation)")]
    [InlineData("203.0.113.255", "203.0.113.0/24 (documentation)")]
    // 6to4 relay anycast
    [InlineData("192.88.99.0", "192.88.99.0/24 (6to4 relay anycast)")]
    [InlineData("192.88.99.255", "192.88.99.0/24 (6to4 relay anycast)")]
    // benchmarking
    [InlineData("198.18.0.0", "198.18.0.0/15 (benchmarking)")]
    [InlineData("198.19.255.255", "198.18.0.0/15 (benchmarking)")]
    // multicast
    [InlineData("224.0.0.0", "224.0.0.0/4 (multicast)")]
    [InlineData("239.255.255.255", "224.0.0.0/4 (multicast)")]
    // reserved and broadcast
    [InlineData("240.0.0.0", "240.0.0.0/4 (reserved)")]
    [InlineData("255.255.255.254", "240.0.0.0/4 (reserved)")]
    [InlineData("255.255.255.255", "255.255.255.255/32 (limited broadcast)")]
    public void Evaluate_SpecialIPv4_BlocksNamingTheRange(string address, string range)
    {
        var decision = Policy.Evaluate(IPAddress.Parse(address), 25);

        Assert.False(decision.Allowed);
        Assert.Equal($"{address} is in {range}", decision.Reason);
    }

    [Theory]
    // just outside each range
    [InlineData("1.0.0.0")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("191.255.255.255")]
    [InlineData("192.0.1.0")]
    [InlineData("192.0.1.255")]
    [InlineData("192.0.3.0")]
    [InlineData("192.88.98.255")]
    [InlineData("192.88.100.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("198.51.99.255")]
    [InlineData("198.51.101.0")]
    [InlineData("203.0.112.255")]
    [InlineData("203.0.114.0")]
    [InlineData("223.255.255.255")]
    // ordinary public addresses
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    public void Evaluate_PublicIPv4_Allows(string address)
    {
        var decision = Policy.Evaluate(IPAddress.Parse(address), 25);

        Assert.True(decision.Allowed, decision.Reason);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public void Evaluate_Loopback_ReasonReadsAsDocumented()
    {
        Assert.Equal("127.0.0.1 is in 127.0.0.0/8 (loopback)", Policy.Evaluate(IPAddress.Loopback, 25).Reason);
    }

    [Fact]
    public void SpecialRanges_EveryIPv4Range_IsFoundAtItsFirstAddress()
    {
        Assert.All(SpecialRanges.IPv4, range => Assert.Same(range, SpecialRanges.Find(range.Network.BaseAddress)));
    }
}
