using System.Net;
using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Tests.Posture.Spf;

public class SpfRecordParserTests
{
    private static SpfRecord Parse(string text)
    {
        Assert.True(SpfRecord.TryParse(text, out var record, out var error), error?.ToString());
        return record;
    }

    private static SpfSyntaxError Error(string text)
    {
        Assert.False(SpfRecord.TryParse(text, out _, out var error), $"'{text}' should not parse");
        return error;
    }

    [Fact]
    public void TryParse_EveryMechanismAndModifier_ReadsQualifiersAndArguments()
    {
        var record = Parse("v=spf1 +a -mx:example.org/24 ~ptr ?include:_spf.example.net ip4:192.0.2.0/24 ip6:2001:db8::/32 "
            + "exists:%{i}.bl.example.org a/24//64 mx//48 exp=why.example.com foo=bar redirect=_spf.example.com");

        var m = record.Mechanisms;
        Assert.Equal(
            [SpfMechanismKind.A, SpfMechanismKind.Mx, SpfMechanismKind.Ptr, SpfMechanismKind.Include, SpfMechanismKind.Ip4, SpfMechanismKind.Ip6, SpfMechanismKind.Exists, SpfMechanismKind.A, SpfMechanismKind.Mx],
            m.Select(x => x.Kind));
        Assert.Equal(
            [SpfQualifier.Pass, SpfQualifier.Fail, SpfQualifier.SoftFail, SpfQualifier.Neutral, SpfQualifier.Pass, SpfQualifier.Pass, SpfQualifier.Pass, SpfQualifier.Pass, SpfQualifier.Pass],
            m.Select(x => x.Qualifier));
        Assert.True(m[0].QualifierWritten);
        Assert.False(m[4].QualifierWritten);
        Assert.Null(m[0].DomainSpec);
        Assert.Equal("example.org", m[1].DomainSpec!.Text);
        Assert.Equal(24, m[1].Ip4Prefix);
        Assert.Equal(128, m[1].Ip6Prefix);
        Assert.Equal(IPAddress.Parse("192.0.2.0"), m[4].Network);
        Assert.Equal(24, m[4].Ip4Prefix);
        Assert.Equal(32, m[5].Ip6Prefix);
        Assert.True(m[6].DomainSpec!.HasMacros);
        Assert.Equal((24, 64), (m[7].Ip4Prefix, m[7].Ip6Prefix));
        Assert.Equal((32, 48), (m[8].Ip4Prefix, m[8].Ip6Prefix));
        Assert.Equal("_spf.example.com", record.Redirect!.Value);
        Assert.Equal("why.example.com", record.Explanation!.Value);
        Assert.Equal("foo", Assert.Single(record.UnknownModifiers).Name);
        Assert.True(record.RedirectApplies);
        Assert.Equal(8, record.Terms.Count(t => t.CountsAsLookup));
    }

    [Fact]
    public void TryParse_UpperCaseSpacesAndTrailingSpace_AreAccepted()
    {
        var record = Parse("V=SPF1   A  MX:Example.ORG  -ALL ");

        Assert.Equal([SpfMechanismKind.A, SpfMechanismKind.Mx, SpfMechanismKind.All], record.Mechanisms.Select(x => x.Kind));
        Assert.Equal([9, 12, 28], record.Terms.Select(t => t.Position));
        Assert.Equal(SpfQualifier.Fail, record.All!.Qualifier);
    }

    [Theory]
    [InlineData("v=spf1 a:foo:bar/baz.example.com")]       // ':' and '/' are macro-literals (RFC 7208 §7.1)
    [InlineData("v=spf1 a:%{H}.bar -all")]
    [InlineData("v=spf1 include:example.com.")]
    [InlineData("v=spf1 a:host.example.xn--p1ai -all")]
    [InlineData("v=spf1 a:mail.example...com -all")]       // valid syntax; the empty label makes it match nothing
    [InlineData("v=spf1 moo.cow-far_out=man:dog/cat ip4:192.0.2.1 -all")]
    [InlineData("v=spf1 default=pass")]
    [InlineData("v=spf1 a:macro%%percent%_%_space%-url-space.example.com")]
    [InlineData("v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d}")]
    [InlineData("v=spf1 ip6:::ffff:192.0.2.1 ip6:::192.0.2.1/0")]
    [InlineData("v=spf1")]
    public void TryParse_ValidRecord_Parses(string text) => Parse(text);

    [Theory]
    [InlineData("v=spf1 ip4:192.0.2", 12, "not a whole IPv4 address")]
    [InlineData("v=spf1 ip4:192.0.2.1:8080", 12, "not an IPv4 address")]
    [InlineData("v=spf1 ip4:192.0.02.1", 12, "not an IPv4 address")]
    [InlineData("v=spf1 ip4:2001:db8::1", 12, "write ip6:2001:db8::1")]
    [InlineData("v=spf1 ip4", 11, "ip4 needs an address")]
    [InlineData("v=spf1 ip4:192.0.2.1/33", 21, "0 to 32")]
    [InlineData("v=spf1 ip4:192.0.2.1/032", 21, "leading zeros")]
    [InlineData("v=spf1 ip4:192.0.2.1//32", 21, "only for a and mx")]
    [InlineData("v=spf1 ip6:2001:db8::/129", 22, "0 to 128")]
    [InlineData("v=spf1 ip6::CAFE::BABE", 12, "not an IPv6 address")]
    [InlineData("v=spf1 ip6:192.0.2.1", 12, "write ip4:192.0.2.1")]
    [InlineData("v=spf1 -all.", 8, "unknown mechanism 'all.'")]
    [InlineData("v=spf1 -all:example.com", 12, "all takes no argument")]
    [InlineData("v=spf1 -all/8", 12, "all takes no argument")]
    [InlineData("v=spf1 ptr/0 -all", 11, "ptr takes no CIDR")]
    [InlineData("v=spf1 ptr:", 12, "needs a domain")]
    [InlineData("v=spf1 a/33", 9, "not an IPv4 prefix length")]
    [InlineData("v=spf1 mx//129", 10, "not an IPv6 prefix length")]
    [InlineData("v=spf1 a/24/64", 9, "/24//64 for both")]
    [InlineData("v=spf1 a:", 10, "needs a domain")]
    [InlineData("v=spf1 a:192.0.2.44", 10, "write ip4:192.0.2.44")]
    [InlineData("v=spf1 a:abc.123", 10, "not a valid domain")]
    [InlineData("v=spf1 a:museum", 10, "not a valid domain")]
    [InlineData("v=spf1 a:museum.", 10, "not a valid domain")]
    [InlineData("v=spf1 mx:example.-com", 11, "not a valid domain")]
    [InlineData("v=spf1 mx:example.com:8080", 11, "not a valid domain")]
    [InlineData("v=spf1 include", 15, "include needs a domain")]
    [InlineData("v=spf1 include: -all", 16, "needs a domain")]
    [InlineData("v=spf1 include:_spf.example.com/24", 32, "include takes no CIDR")]
    [InlineData("v=spf1 exists", 14, "exists needs a domain")]
    [InlineData("v=spf1 exists:example.com/24", 26, "exists takes no CIDR")]
    [InlineData("v=spf1 redirect:example.com", 8, "redirect is a modifier")]
    [InlineData("v=spf1 redirect=", 8, "redirect= needs a domain")]
    [InlineData("v=spf1 exp= -all", 8, "exp= needs a domain")]
    [InlineData("v=spf1 exp=-all", 12, "not a valid domain")]
    [InlineData("v=spf1 redirect=a.example.com -all redirect=a.example.com", 36, "more than once")]
    [InlineData("v=spf1 exp=a.example.com -all exp=b.example.com", 31, "more than once")]
    [InlineData("v=spf1 1up=foo", 8, "neither a mechanism nor a valid modifier")]
    [InlineData("v=spf1 =all", 8, "neither a mechanism nor a valid modifier")]
    [InlineData("v=spf1 -redirect=example.com", 8, "a modifier takes no qualifier")]
    [InlineData("v=spf1 - all", 8, "must be followed by a mechanism")]
    [InlineData("v=spf1 ipv4:192.0.2.1", 8, "did you mean ip4?")]
    [InlineData("v=spf1 -all foo=%abc", 17, "'%' must be followed by")]
    [InlineData("v=spf1 -exists:%(ir).bl.example.org", 16, "'%' must be followed by")]
    [InlineData("v=spf1 a:%{a}.example.com", 10, "not a macro letter")]
    [InlineData("v=spf1 a:%{d0}.example.com", 10, "keeps zero parts")]
    [InlineData("v=spf1 a:%{dx}.example.com", 10, "not a transformer or delimiter")]
    [InlineData("v=spf1 a:%{d.example.com", 10, "no closing")]
    [InlineData("v=spf1 -all exp=%{r}.example.com", 17, "only in the explanation")]
    [InlineData("v=spf1 a:%{c}.example.com", 10, "only in the explanation")]
    [InlineData("v=spf1 a:ctrl.example.com\rptr -all", 26, "control character 0x0D")]
    [InlineData("v=spf1 ip4:192.0.2.5\n include:_spf.example.net ~all", 21, "control character 0x0A")]
    [InlineData("v=spf1 a:\u00e9xample.com -all", 10, "not ASCII")]
    [InlineData("v=spf1 a:foo.example.com\0", 25, "control character 0x00")]
    [InlineData("v=spf10 -all", 1, "starts with \"v=spf1\"")]
    [InlineData("v=spf1-all", 1, "starts with \"v=spf1\"")]
    public void TryParse_SyntaxError_SaysWhereAndWhy(string text, int column, string message)
    {
        var error = Error(text);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("RFC", error.Message, StringComparison.Ordinal);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void TryParse_ErrorAfterAll_IsStillAnError()
    {
        // Any syntax error anywhere makes the record permerror, even behind a mechanism that matches (RFC 7208 §4.6).
        var error = Error("v=spf1 ip4:192.0.2.1 -all moo");

        Assert.Equal("moo", error.Term);
        Assert.Equal("column 27 (moo): " + error.Message, error.ToString());
    }

    [Fact]
    public void Record_AllAndRedirect_RedirectIsIgnored()
    {
        var record = Parse("v=spf1 redirect=_spf.example.com ~all mx");

        Assert.NotNull(record.Redirect);
        Assert.False(record.RedirectApplies);
        Assert.Equal(SpfQualifier.SoftFail, record.All!.Qualifier);
    }

    [Fact]
    public void Record_ByteLength_CountsTheJoinedText()
    {
        var text = "v=spf1 " + string.Join(' ', Enumerable.Range(1, 40).Select(i => $"ip4:192.0.2.{i}")) + " -all";

        Assert.Equal(text.Length, Parse(text).ByteLength);
    }

    [Theory]
    [InlineData("v=spf1", true)]
    [InlineData("v=spf1 -all", true)]
    [InlineData("V=SpF1 ~all", true)]
    [InlineData("v=spf10", false)]
    [InlineData("v=spf1mx", false)]
    [InlineData(" v=spf1 -all", false)]
    [InlineData("spf2.0/pra -all", false)]
    [InlineData("", false)]
    public void IsSpfRecord_VersionThenSpaceOrEnd(string text, bool expected) =>
        Assert.Equal(expected, SpfRecordLookup.IsSpfRecord(text));
}
