using System.Net;
using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Tests.Posture.Spf;

public class SpfMacroExpanderTests
{
    /// <summary>The setting of RFC 7208 §7.4.</summary>
    private static SpfMacroContext Rfc(string ip = "192.0.2.3") => new()
    {
        Sender = "strong-bad@email.example.com",
        LocalPart = "strong-bad",
        SenderDomain = "email.example.com",
        Domain = "email.example.com",
        Ip = IPAddress.Parse(ip),
        Helo = "mx.example.org",
        Receiver = "mx.receiver.example",
        Now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        ValidatedName = (_, _) => Task.FromResult("mx.example.org"),
    };

    private static async Task<string> Expand(string text, SpfMacroContext context, SpfMacroUse use = SpfMacroUse.Explanation)
    {
        Assert.True(SpfMacroString.TryParse(text, use, out var macro, out var error), error?.ToString());
        return await SpfMacroExpander.ExpandAsync(macro, context, CancellationToken.None);
    }

    /// <summary>Every example of RFC 7208 §7.4, exactly.</summary>
    [Theory]
    [InlineData("%{s}", "strong-bad@email.example.com")]
    [InlineData("%{o}", "email.example.com")]
    [InlineData("%{d}", "email.example.com")]
    [InlineData("%{d4}", "email.example.com")]
    [InlineData("%{d3}", "email.example.com")]
    [InlineData("%{d2}", "example.com")]
    [InlineData("%{d1}", "com")]
    [InlineData("%{dr}", "com.example.email")]
    [InlineData("%{d2r}", "example.email")]
    [InlineData("%{l}", "strong-bad")]
    [InlineData("%{l-}", "strong.bad")]
    [InlineData("%{lr}", "strong-bad")]
    [InlineData("%{lr-}", "bad.strong")]
    [InlineData("%{l1r-}", "strong")]
    [InlineData("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
    [InlineData("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com")]
    [InlineData("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net")]
    public async Task ExpandAsync_Rfc7208Section74Ipv4_ExpandsExactly(string macro, string expected) =>
        Assert.Equal(expected, await Expand(macro, Rfc(), SpfMacroUse.DomainSpec));

    [Fact]
    public async Task ExpandAsync_Rfc7208Section74Ipv6_ExpandsToDottedNibbles() =>
        Assert.Equal(
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
            await Expand("%{ir}.%{v}._spf.%{d2}", Rfc("2001:db8::cb01"), SpfMacroUse.DomainSpec));

    [Theory]
    [InlineData("%{i}", "192.0.2.3", "192.0.2.3")]
    [InlineData("%{i}", "2001:db8::cb01", "2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1")]
    [InlineData("%{i}", "::ffff:192.0.2.3", "192.0.2.3")]           // IPv4-mapped is IPv4 (RFC 7208 §5)
    [InlineData("%{v}", "::ffff:192.0.2.3", "in-addr")]
    [InlineData("%{c}", "2001:db8::cb01", "2001:db8::cb01")]        // readable form, RFC 4291 §2.2
    [InlineData("%{c}", "192.0.2.3", "192.0.2.3")]
    [InlineData("%{h}", "192.0.2.3", "mx.example.org")]
    [InlineData("%{r}", "192.0.2.3", "mx.receiver.example")]
    [InlineData("%{t}", "192.0.2.3", "1714564800")]
    [InlineData("%{p}", "192.0.2.3", "mx.example.org")]
    [InlineData("%{p2}", "192.0.2.3", "example.org")]
    public async Task ExpandAsync_EachLetter_ExpandsPerSection73(string macro, string ip, string expected) =>
        Assert.Equal(expected, await Expand(macro, Rfc(ip)));

    [Fact]
    public async Task ExpandAsync_NoValidatedNameProvider_PIsUnknown() =>
        Assert.Equal("unknown", await Expand("%{p}", Rfc() with { ValidatedName = null }));

    [Theory]
    [InlineData("a%%b%_c%-d", "a%b c%20d")]
    [InlineData("%{S}", "strong-bad%40email.example.com")]
    [InlineData("%{L}", "strong-bad")]
    [InlineData("%{D2R}", "example.email")]
    [InlineData("%{d9}", "email.example.com")]               // more parts asked than exist: all of them
    [InlineData("%{d127}", "email.example.com")]
    [InlineData("%{d99999999999}", "email.example.com")]
    public async Task ExpandAsync_EscapesAndTransformers_Expand(string macro, string expected) =>
        Assert.Equal(expected, await Expand(macro, Rfc()));

    [Fact]
    public async Task ExpandAsync_UpperCaseLetter_UrlEscapesAllButUnreserved()
    {
        var context = Rfc() with { LocalPart = "~jill&jack=down+b_4.z é" };

        Assert.Equal("~jill%26jack%3Ddown%2Bb_4.z%20%C3%A9", await Expand("%{L}", context));
    }

    [Fact]
    public async Task ExpandAsync_SeveralDelimiters_SplitOnAnyJoinWithDots()
    {
        var context = Rfc() with { LocalPart = "ann-lee+news+weekly" };

        Assert.Equal("ann.lee.news.weekly", await Expand("%{l-+}", context));
        Assert.Equal("lee.ann", await Expand("%{l2r+-}", context));
        Assert.Equal("weekly.news.lee.ann", await Expand("%{lr+-}", context));
    }

    [Fact]
    public async Task ExpandAsync_EmptyParts_AreKept()
    {
        // "..." splits into four empty parts (RFC 7208 §7.3): reversal and keeping keep them.
        var context = Rfc() with { LocalPart = "..." };

        Assert.Equal("...", await Expand("%{lr}", context));
        Assert.Equal(".", await Expand("%{l2}", context));
    }

    [Fact]
    public void ToTargetName_LongerThan253_DropsLabelsFromTheLeft()
    {
        var label = new string('a', 40);
        var name = string.Join('.', Enumerable.Repeat(label, 7)) + ".example.com";   // 7*41 + 11 = 298

        var target = SpfMacroExpander.ToTargetName(name + ".");

        Assert.True(target.Length <= 253);
        Assert.Equal(string.Join('.', Enumerable.Repeat(label, 5)) + ".example.com", target);   // 216: one more label would be 257
    }

    [Theory]
    [InlineData("example.com.", "example.com")]
    [InlineData("example.com", "example.com")]
    [InlineData(".", ".")]
    public void ToTargetName_TrailingDot_IsRemoved(string expanded, string expected) =>
        Assert.Equal(expected, SpfMacroExpander.ToTargetName(expanded));

    [Theory]
    [InlineData("%{d}", true)]
    [InlineData("%{d}.example.com", true)]
    [InlineData("%-", true)]                 // a domain-spec may end in any macro-expand (RFC 7208 §7.1)
    [InlineData("_spf.example.com.", true)]
    [InlineData("a.b.c-d", true)]
    [InlineData("a.123-456", true)]
    [InlineData("%{d}.", false)]
    [InlineData("example", false)]
    [InlineData("example.123", false)]
    [InlineData("example.com-", false)]
    [InlineData("example.-com", false)]
    [InlineData("example.com..", false)]
    [InlineData("exa mple.com", false)]
    public void TryParse_DomainSpec_EndsInMacroOrTopLabel(string text, bool valid) =>
        Assert.Equal(valid, SpfMacroString.TryParse(text, SpfMacroUse.DomainSpec, out _, out _));

    [Fact]
    public void TryParse_Explanation_AllowsSpacesAndExplanationLetters()
    {
        Assert.True(SpfMacroString.TryParse("%{c} is not one of %{d}'s mail servers (%{r} at %{t})", SpfMacroUse.Explanation, out var macro, out _));
        Assert.Equal(new HashSet<char> { 'c', 'd', 'r', 't' }, macro.Letters);
        Assert.False(SpfMacroString.TryParse("The %{x}-files.", SpfMacroUse.Explanation, out _, out var error));
        Assert.Equal(4, error.Position);
    }
}
