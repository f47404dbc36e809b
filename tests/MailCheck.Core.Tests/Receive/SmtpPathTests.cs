using MailCheck.Core.Receive;

namespace MailCheck.Core.Tests.Receive;

public sealed class SmtpPathTests
{
    [Theory]
    [InlineData("FROM:<ann@Example.ORG>", "ann@Example.ORG", "example.org", "")]
    [InlineData("FROM: <ann@example.org> SIZE=100 BODY=8BITMIME", "ann@example.org", "example.org", "SIZE=100 BODY=8BITMIME")]
    [InlineData("from:<>", "", "", "")]
    [InlineData("TO:<@relay.example,@b.example:bob@example.org>", "bob@example.org", "example.org", "")]
    [InlineData("TO:<\"a>b\"@example.org>", "\"a>b\"@example.org", "example.org", "")]
    [InlineData("TO:<jörg@bücher.example>", "jörg@bücher.example", "xn--bcher-kva.example", "")]
    [InlineData("TO:<bob@[127.0.0.1]>", "bob@[127.0.0.1]", "[127.0.0.1]", "")]
    public void TryParse_ValidPath_AddressDomainInAsciiAndParameters(string argument, string address, string domain, string parameters)
    {
        var keyword = argument.StartsWith("TO", StringComparison.OrdinalIgnoreCase) ? "TO" : "FROM";

        Assert.True(SmtpPath.TryParse(argument, keyword, out var path, out var error), error);
        Assert.Equal(address, path.Address);
        Assert.Equal(domain, path.Domain);
        Assert.Equal(parameters, path.Parameters);
    }

    [Theory]
    [InlineData("FROM ann@example.org", "Syntax")]
    [InlineData("FROM:ann@example.org", "angle brackets")]
    [InlineData("FROM:<ann@example.org", "closing")]
    [InlineData("FROM:<ann@example.org>SIZE=1", "space")]
    [InlineData("FROM:<ann>", "local part and a domain")]
    [InlineData("FROM:<ann@exa mple.org>", "domain")]
    [InlineData("FROM:<a..b@example.org>", "local part")]
    public void TryParse_InvalidPath_FalseWithReason(string argument, string reason)
    {
        Assert.False(SmtpPath.TryParse(argument, "FROM", out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
