using System.Net;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Tests.Dns;

public class DnsServerEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 53)]
    [InlineData(" 127.0.0.1:5353 ", "127.0.0.1", 5353)]
    [InlineData("::1", "::1", 53)]
    [InlineData("[::1]", "::1", 53)]
    [InlineData("[::1]:5300", "::1", 5300)]
    [InlineData("2001:db8::53", "2001:db8::53", 53)]
    public void Parse_ValidEntry_ReturnsEndpoint(string value, string address, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), DnsServerEndpoint.Parse(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dns.example.com")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:x")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    public void Parse_InvalidEntry_ThrowsFormatExceptionNamingIt(string value)
    {
        var ex = Assert.Throws<FormatException>(() => DnsServerEndpoint.Parse(value));

        Assert.Contains("DNS server", ex.Message, StringComparison.Ordinal);
    }
}
