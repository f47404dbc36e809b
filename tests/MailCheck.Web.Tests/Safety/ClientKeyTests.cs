using MailCheck.Web.Safety;

namespace MailCheck.Web.Tests.Safety;

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData(null, ClientKey.Unknown)]
    [InlineData("", ClientKey.Unknown)]
    [InlineData("not an address", ClientKey.Unknown)]
    public void Of_Address_ReturnsIPv4OrIPv6Slash64(string? address, string expected) =>
        Assert.Equal(expected, ClientKey.Of(address));
}
