using System.Net;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

public class DomainNameTests
{
    [Theory]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("Example.COM.", "example.com")]
    [InlineData("[192.0.2.1]", "[192.0.2.1]")]
    public void ToAscii_Domain_ReturnsPunycodeOrLiteral(string domain, string expected)
    {
        Assert.Equal(expected, DomainName.ToAscii(domain));
    }

    [Theory]
    [InlineData("[192.0.2.1]", "192.0.2.1")]
    [InlineData("[IPv6:2001:db8::1]", "2001:db8::1")]
    [InlineData("[ipv6:::1]", "::1")]
    public void ParseAddressLiteral_ValidLiteral_ReturnsAddress(string literal, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), DomainName.ParseAddressLiteral(literal));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("[1.2.3]")]
    [InlineData("[0x7f.0.0.1]")]
    [InlineData("[IPv6:fe80::1%eth0]")]
    [InlineData("[IPv6:]")]
    [InlineData("[]")]
    public void ParseAddressLiteral_NotALiteral_ReturnsNull(string value)
    {
        Assert.Null(DomainName.ParseAddressLiteral(value));
    }

    [Fact]
    public void TryNormalize_Empty_ExplainsWhy()
    {
        Assert.False(DomainName.TryNormalize("  ", out _, out var error));
        Assert.Equal("is empty.", error);
    }

    [Theory]
    [InlineData("example.com..")]
    [InlineData("example.com...")]
    public void TryNormalize_SeveralTrailingDots_ExplainsEmptyLabel(string domain)
    {
        Assert.False(DomainName.TryNormalize(domain, out _, out var error));
        Assert.Contains("empty label", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_BareIPv4_SuggestsTheIPv4LiteralOnly()
    {
        Assert.False(DomainName.TryNormalize("192.0.2.1", out _, out var error));
        Assert.Contains("[192.0.2.1]", error, StringComparison.Ordinal);
        Assert.DoesNotContain("IPv6:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_BareIPv6_SuggestsTheIPv6Literal()
    {
        Assert.False(DomainName.TryNormalize("2001:db8::1", out _, out var error));
        Assert.Contains("[IPv6:2001:db8::1]", error, StringComparison.Ordinal);
    }
}
