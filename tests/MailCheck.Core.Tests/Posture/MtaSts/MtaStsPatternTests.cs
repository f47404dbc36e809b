using MailCheck.Core.Posture.MtaSts;

namespace MailCheck.Core.Tests.Posture.MtaSts;

public class MtaStsPatternTests
{
    [Theory]
    [InlineData("mx.example.com", "mx.example.com")]
    [InlineData("MX.Example.COM", "mx.example.com")]
    [InlineData("mx.example.com", "MX.EXAMPLE.COM")]
    [InlineData("mx.example.com.", "mx.example.com")]
    [InlineData("mx.example.com", "mx.example.com.")]
    [InlineData("*.example.com", "mx.example.com")]
    [InlineData("*.example.com", "MX1.example.com.")]
    [InlineData("*.Example.Com.", "mail.example.com")]
    [InlineData("  mx.example.com ", "mx.example.com")]
    public void Matches_SameNameOrOneLabelUnderTheWildcard_True(string pattern, string host)
    {
        Assert.True(MtaStsPattern.Matches(pattern, host));
    }

    [Theory]
    [InlineData("*.example.com", "example.com")]               // the wildcard needs a label (RFC 8461 §4.1)
    [InlineData("*.example.com", "a.b.example.com")]           // exactly one label
    [InlineData("*.example.com", "mxexample.com")]
    [InlineData("*.example.com", ".example.com")]
    [InlineData("example.com", "mx.example.com")]              // never a suffix match
    [InlineData("example.com", "evil-example.com")]            // never a substring match
    [InlineData("mx.example.com", "mx.example.com.evil.net")]
    [InlineData("mx.example.com", "xmx.example.com")]
    [InlineData("mx.example.com", "mx.example.co")]
    [InlineData("mx*.example.com", "mx1.example.com")]        // partial-label wildcards are not allowed
    [InlineData("*mx.example.com", "amx.example.com")]
    [InlineData("mx.*.example.com", "mx.a.example.com")]
    [InlineData("*.*.example.com", "a.b.example.com")]
    [InlineData("*", "mx")]
    [InlineData("", "")]
    [InlineData("*.example.com", "")]
    public void Matches_AnythingElse_False(string pattern, string host)
    {
        Assert.False(MtaStsPattern.Matches(pattern, host));
    }

    [Theory]
    [InlineData("mx.example.com")]
    [InlineData("*.example.com")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("mx-1.example.com.")]
    public void Problem_WellFormed_Null(string pattern)
    {
        Assert.Null(MtaStsPattern.Problem(pattern));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("mx*.example.com", "wildcard")]
    [InlineData("*.*.example.com", "wildcard")]
    [InlineData("bücher.example", "A-label")]
    [InlineData("-mx.example.com", "not a host name label")]
    [InlineData("mx..example.com", "not a host name label")]
    [InlineData("mx_1.example.com", "not a host name label")]
    [InlineData("mx.example.com:25", "not a host name label")]
    public void Problem_Malformed_SaysWhy(string pattern, string expected)
    {
        Assert.Contains(expected, MtaStsPattern.Problem(pattern), StringComparison.Ordinal);
    }

    [Fact]
    public void FirstMatch_ReturnsTheFirstMatchingPattern()
    {
        Assert.Equal("*.example.com", MtaStsPattern.FirstMatch(["mx.other.net", "*.example.com", "mx.example.com"], "mx.example.com"));
        Assert.Null(MtaStsPattern.FirstMatch(["mx.other.net"], "mx.example.com"));
    }
}
