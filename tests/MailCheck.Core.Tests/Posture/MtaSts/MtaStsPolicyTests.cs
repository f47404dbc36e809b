using MailCheck.Core.Posture.MtaSts;

namespace MailCheck.Core.Tests.Posture.MtaSts;

public class MtaStsPolicyTests
{
    private const string Good = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n";

    [Fact]
    public void Parse_CrlfPolicy_ReadsEveryField()
    {
        var policy = MtaStsPolicy.Parse(Good);

        Assert.True(policy.IsValid, string.Join("; ", policy.Problems));
        Assert.Empty(policy.Warnings);
        Assert.Equal("STSv1", policy.Version);
        Assert.Equal(MtaStsMode.Enforce, policy.Mode);
        Assert.Equal(604800, policy.MaxAge);
        Assert.Equal(["mail.example.com", "*.example.net"], policy.Mx);
    }

    [Theory]
    [InlineData("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400\n")]
    [InlineData("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400")]
    [InlineData("version: STSv1\r\nmode: testing\nmx: mx.example.com\r\nmax_age: 86400")]
    [InlineData("max_age: 86400\nmx: mx.example.com\nmode: testing\nversion: STSv1\n")]
    [InlineData("version:STSv1\nmode:\ttesting\nmx:   mx.example.com  \nmax_age: 86400\t\n")]
    public void Parse_LineEndingsOrderAndWhitespace_Valid(string text)
    {
        var policy = MtaStsPolicy.Parse(text);

        Assert.True(policy.IsValid, string.Join("; ", policy.Problems));
        Assert.Equal(MtaStsMode.Testing, policy.Mode);
        Assert.Equal(["mx.example.com"], policy.Mx);
        Assert.Equal(86400, policy.MaxAge);
    }

    [Fact]
    public void Parse_ModeNoneWithoutMx_Valid()
    {
        var policy = MtaStsPolicy.Parse("version: STSv1\nmode: none\nmax_age: 86400\n");

        Assert.True(policy.IsValid, string.Join("; ", policy.Problems));
        Assert.Equal(MtaStsMode.None, policy.Mode);
    }

    [Fact]
    public void Parse_UnknownFields_IgnoredAndListed()
    {
        var policy = MtaStsPolicy.Parse(Good + "x-comment: made by hand\n");

        Assert.True(policy.IsValid);
        Assert.Equal("x-comment", Assert.Single(policy.Extensions).Name);
    }

    [Fact]
    public void Parse_RepeatedField_FirstValueWinsWithAWarning()
    {
        var policy = MtaStsPolicy.Parse(Good + "mode: testing\nmax_age: 1\n");

        Assert.True(policy.IsValid);
        Assert.Equal(MtaStsMode.Enforce, policy.Mode);
        Assert.Equal(604800, policy.MaxAge);
        Assert.Equal(2, policy.Warnings.Count(w => w.Contains("appears more than once", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("mode: enforce\nmx: mx.example.com\nmax_age: 86400\n", "no \"version: STSv1\" line")]
    [InlineData("version: STSv2\nmode: enforce\nmx: mx.example.com\nmax_age: 86400\n", "only \"STSv1\" exists")]
    [InlineData("version: STSv1\nmx: mx.example.com\nmax_age: 86400\n", "no mode line")]
    [InlineData("version: STSv1\nMode: enforce\nmx: mx.example.com\nmax_age: 86400\n", "field names are case-sensitive")]
    [InlineData("version: STSv1\nmode: Enforce\nmx: mx.example.com\nmax_age: 86400\n", "none of enforce, testing, none")]
    [InlineData("version: STSv1\nmode: report\nmx: mx.example.com\nmax_age: 86400\n", "none of enforce, testing, none")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx.example.com\n", "no max_age line")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 1w\n", "not a number of seconds")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 12345678901\n", "not a number of seconds")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 31557601\n", "more than the maximum, 31557600")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 86400\n", "no mx line")]
    [InlineData("version: STSv1\nmode: testing\nmax_age: 86400\n", "no mx line")]
    [InlineData("version: STSv1\nmode enforce\nmx: mx.example.com\nmax_age: 86400\n", "is not a \"key: value\" field")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx.example.com\rmax_age: 86400\n", "bare carriage return")]
    [InlineData("<html><body>Not found</body></html>", "is not a \"key: value\" field")]
    [InlineData("", "the policy is empty")]
    public void Parse_Invalid_NamesTheProblem(string text, string expected)
    {
        var policy = MtaStsPolicy.Parse(text);

        Assert.False(policy.IsValid);
        Assert.Contains(policy.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MaxAgeAtTheMaximum_Valid()
    {
        Assert.True(MtaStsPolicy.Parse("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 31557600\n").IsValid);
    }

    [Theory]
    [InlineData("version: STSv1\n\nmode: enforce\nmx: mx.example.com\nmax_age: 86400\n", "line 2 is blank")]
    [InlineData(" version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 86400\n", "starts with whitespace")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx*.example.com\nmax_age: 86400\n", "can never match")]
    public void Parse_OutsideTheGrammarButReadable_Warns(string text, string expected)
    {
        var policy = MtaStsPolicy.Parse(text);

        Assert.True(policy.IsValid, string.Join("; ", policy.Problems));
        Assert.Contains(policy.Warnings, w => w.Contains(expected, StringComparison.Ordinal));
    }
}
