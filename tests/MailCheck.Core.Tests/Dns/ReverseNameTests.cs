using System.Net;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Tests.Dns;

public class ReverseNameTests
{
    [Theory]
    [InlineData("192.0.2.99", "99.2.0.192.in-addr.arpa")]
    [InlineData("::ffff:192.0.2.99", "99.2.0.192.in-addr.arpa")]
    [InlineData("2001:db8::567:89ab", "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
    public void Ptr_Address_ReversedName(string address, string expected) =>
        Assert.Equal(expected, ReverseName.Ptr(IPAddress.Parse(address)));

    [Fact]
    public void Labels_IPv4_ReversedOctetsForBlocklists()
    {
        // RFC 5782 §2.1: 192.0.2.99 is looked up as 99.2.0.192.<zone>.
        Assert.Equal("99.2.0.192", ReverseName.Labels(IPAddress.Parse("192.0.2.99")));
    }
}
