using System.Net;
using MailCheck.Core.Pipeline;

namespace MailCheck.Core.Tests.Posture;

public class EgressTests
{
    [Theory]
    [InlineData("250-mx.google.com at your service, [203.0.113.5]\n250-SIZE 157286400", "203.0.113.5")]
    [InlineData("250-AM0EUR02FT001.mail.protection.outlook.com Hello [2001:db8::5]\n250 SIZE", "2001:db8::5")]
    [InlineData("250-mx.example Hello mailcheck.example [IPv6:2001:db8::7]", "2001:db8::7")]
    public void Echoed_EhloReplyNamingTheClient_ReadsTheAddress(string reply, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), EgressAddress.Echoed(reply));

    [Theory]
    [InlineData("250-mx.example.com\n250-PIPELINING\n250 8BITMIME [not an address]")]
    [InlineData("250 mx.example.com")]
    public void Echoed_NoAddressOnTheFirstLine_Null(string reply) => Assert.Null(EgressAddress.Echoed(reply));
}
