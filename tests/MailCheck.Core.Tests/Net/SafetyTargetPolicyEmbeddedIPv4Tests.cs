using System.Net;
using MailCheck.Core.Net;

namespace MailCheck.Core.Tests.Net;

/// <summary>
/// Safety (issue 6, item 1): the IPv6 forms that embed an IPv4 address, each wrapping a private (10.0.0.1),
/// a loopback (127.0.0.1) and a public (8.8.8.8) address.
/// </summary>
[Trait("Category", "Safety")]
public class SafetyTargetPolicyEmbeddedIPv4Tests
{
    private static readonly SafetyTargetPolicy Policy = new(new SafetyOptions());

    [Fact]
    public void Evaluate_MappedPrivate_ReasonReadsAsDocumented()
    {
        var decision = Policy.Evaluate(IPAddress.Parse("::ffff:10.0.0.1"), 25);

        Assert.False(decision.Allowed);
        Assert.Equal("::ffff:10.0.0.1 embeds 10.0.0.1, which is in 10.0.0.0/8 (private)", decision.Reason);
    }

    [Theory]
    // IPv4-mapped ::ffff:0:0/96
    [InlineData("::ffff:10.0.0.1", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    [InlineData("::ffff:169.254.169.254", "169.254.169.254", "169.254.0.0/16 (link-local)")]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0", "0.0.0.0/8 (this network)")]
    // IPv4-translated ::ffff:0:0:0/96
    [InlineData("::ffff:0:10.0.0.1", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("::ffff:0:127.0.0.1", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    // IPv4-compatible ::/96
    [InlineData("::10.0.0.1", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("::127.0.0.1", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    [InlineData("::2", "0.0.0.2", "0.0.0.0/8 (this network)")]
    // NAT64 well-known prefix 64:ff9b::/96
    [InlineData("64:ff9b::a00:1", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("64:ff9b::7f00:1", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    // NAT64 local-use prefix 64:ff9b:1::/48
    [InlineData("64:ff9b:1::a00:1", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:7f00:1", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    // 6to4 2002::/16, the IPv4 address in bits 16-47, any subnet and interface id after it
    [InlineData("2002:a00:1::", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("2002:a00:1:1234::1", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("2002:7f00:1::1", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    [InlineData("2002::", "0.0.0.0", "0.0.0.0/8 (this network)")]
    [InlineData("2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "255.255.255.255", "255.255.255.255/32 (limited broadcast)")]
    public void Evaluate_WrapperOfSpecialIPv4_BlocksNamingTheEmbeddedAddress(string address, string embedded, string range)
    {
        var decision = Policy.Evaluate(IPAddress.Parse(address), 25);

        Assert.False(decision.Allowed);
        Assert.Contains($" embeds {embedded}, which is in {range}", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::ffff:0:10.0.0.1", "::ffff:0:0:0/96 (IPv4-translated)")]
    [InlineData("::10.0.0.1", "::/96 (IPv4-compatible, deprecated)")]
    [InlineData("64:ff9b::a00:1", "64:ff9b::/96 (NAT64)")]
    [InlineData("64:ff9b:1::a00:1", "64:ff9b:1::/48 (local-use NAT64)")]
    [InlineData("2002:a00:1::", "2002::/16 (6to4)")]
    public void Evaluate_WrapperOfPrivateIPv4_ReasonNamesTheWrapper(string address, string wrapper)
    {
        var parsed = IPAddress.Parse(address);

        var decision = Policy.Evaluate(parsed, 25);

        Assert.Equal($"{parsed} is in {wrapper} and embeds 10.0.0.1, which is in 10.0.0.0/8 (private)", decision.Reason);
    }

    [Theory]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:808:808::f7f7:f7f7")] // Teredo: server 8.8.8.8, client 8.8.8.8
    public void Evaluate_RoutableWrapperOfPublicIPv4_Allows(string address)
    {
        var decision = Policy.Evaluate(IPAddress.Parse(address), 25);

        Assert.True(decision.Allowed, decision.Reason);
    }

    [Theory]
    [InlineData("::8.8.8.8", "::/96 (IPv4-compatible, deprecated)")]
    [InlineData("::ffff:0:8.8.8.8", "::ffff:0:0:0/96 (IPv4-translated)")]
    public void Evaluate_UnroutableWrapperOfPublicIPv4_Blocks(string address, string wrapper)
    {
        var parsed = IPAddress.Parse(address);

        var decision = Policy.Evaluate(parsed, 25);

        Assert.False(decision.Allowed);
        Assert.Equal($"{parsed} is in {wrapper}, which is not routable", decision.Reason);
    }

    [Theory]
    // client 10.0.0.1 is stored inverted: ~0a000001 = f5ff:fffe; server 8.8.8.8 in bits 32-63
    [InlineData("2001:0:808:808::f5ff:fffe", "client", "10.0.0.1", "10.0.0.0/8 (private)")]
    [InlineData("2001:0:808:808:8000:ffff:80ff:fffe", "client", "127.0.0.1", "127.0.0.0/8 (loopback)")]
    // server 10.0.0.1, client 8.8.8.8 (~08080808 = f7f7:f7f7)
    [InlineData("2001:0:a00:1::f7f7:f7f7", "server", "10.0.0.1", "10.0.0.0/8 (private)")]
    // RFC 4380's own example: server 65.54.227.120, client 192.0.2.45 (a documentation address)
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "client", "192.0.2.45", "192.0.2.0/24 (documentation)")]
    public void Evaluate_TeredoOfSpecialIPv4_BlocksNamingServerOrClient(string address, string role, string embedded, string range)
    {
        var parsed = IPAddress.Parse(address);

        var decision = Policy.Evaluate(parsed, 25);

        Assert.False(decision.Allowed);
        Assert.Equal($"{parsed} is in 2001::/32 (Teredo; {role} address) and embeds {embedded}, which is in {range}", decision.Reason);
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("::127.0.0.1")]
    public void Evaluate_WrapperOfAllowedNetwork_Allows(string address)
    {
        var policy = new SafetyTargetPolicy(new SafetyOptions { AllowedNetworks = ["127.0.0.0/8"] });

        Assert.True(policy.Evaluate(IPAddress.Parse(address), 25).Allowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("::ffff:10.0.0.1"), 25).Allowed);
    }
}
