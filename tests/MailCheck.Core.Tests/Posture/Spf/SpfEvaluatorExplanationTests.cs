using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>check_host(): exp= (RFC 7208 §6.2) and macros in the explanation text (§7).</summary>
public class SpfEvaluatorExplanationTests
{
    private readonly SpfZone _zone = new();

    [Fact]
    public async Task CheckHost_FailWithExp_ExplanationFetchedAndExpanded()
    {
        _zone.Txt("shop.example.org", "v=spf1 ip4:198.51.100.0/24 -all exp=why.shop.example.org")
            .Txt("why.shop.example.org", "%{c} is not one of %{d}'s mail servers; %{r} checked at %{t} (%{v}, %{i}).");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@shop.example.org");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Equal("192.0.2.9 is not one of shop.example.org's mail servers; mx.receiver.example checked at 1714564800 (in-addr, 192.0.2.9).", result.Explanation);
        Assert.Contains(result.Trace, s => s.Kind == SpfStepKind.Explanation && s.Text.Contains("§6.2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v=spf1 ~all exp=why.example.org")]
    [InlineData("v=spf1 ?all exp=why.example.org")]
    [InlineData("v=spf1 +all exp=why.example.org")]
    [InlineData("v=spf1 exp=why.example.org")]
    public async Task CheckHost_NotFail_NoExplanationAndNoQuery(string record)
    {
        _zone.Txt("other.example.org", record).Txt("why.example.org", "Go away.");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@other.example.org");

        Assert.Null(result.Explanation);
        Assert.DoesNotContain(_zone.Queries, q => q.Name == "why.example.org");
    }

    [Fact]
    public async Task CheckHost_Redirect_OriginalExpIsNotUsed()
    {
        _zone.Txt("origin.example.org", "v=spf1 exp=origin-why.example.org redirect=target.example.org")
            .Txt("target.example.org", "v=spf1 -all")
            .Txt("origin-why.example.org", "Not this one.");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@origin.example.org");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Null(result.Explanation);
    }

    [Fact]
    public async Task CheckHost_Redirect_TargetsExpIsUsedWithTheTargetAsDomain()
    {
        _zone.Txt("origin.example.org", "v=spf1 exp=origin-why.example.org redirect=target.example.org")
            .Txt("target.example.org", "v=spf1 -all exp=target-why.example.org")
            .Txt("origin-why.example.org", "Not this one.")
            .Txt("target-why.example.org", "%{d} says no to %{o}.");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@origin.example.org");

        Assert.Equal("target.example.org says no to origin.example.org.", result.Explanation);
        Assert.Equal("target.example.org", result.MechanismDomain);
    }

    [Fact]
    public async Task CheckHost_Include_IncludedExpIsNeverUsed()
    {
        _zone.Txt("main.example.org", "v=spf1 include:esp.example.net -all exp=main-why.example.org")
            .Txt("esp.example.net", "v=spf1 -all exp=esp-why.example.net")
            .Txt("main-why.example.org", "Ours.")
            .Txt("esp-why.example.net", "Theirs.");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@main.example.org");

        Assert.Equal("Ours.", result.Explanation);
        Assert.DoesNotContain(_zone.Queries, q => q.Name == "esp-why.example.net");
    }

    [Theory]
    [InlineData("twice")]        // two TXT records
    [InlineData("none")]         // no TXT at the name
    [InlineData("nxdomain")]
    [InlineData("slow")]         // DNS error
    [InlineData("bad-macro")]    // not a valid explain-string
    [InlineData("non-ascii")]
    public async Task CheckHost_UnusableExplanation_FailWithoutExplanation(string target)
    {
        _zone.Txt("strict.example.org", $"v=spf1 -all exp={target}.why.example.org")
            .Txt("twice.why.example.org", "First.", "Second.")
            .Address("none.why.example.org", "192.0.2.1")
            .Failing("slow.why.example.org", DnsResponseStatus.ServFail)
            .Txt("bad-macro.why.example.org", "The %{x}-files.")
            .Txt("non-ascii.why.example.org", "\uFEFFExplanation");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@strict.example.org");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Null(result.Explanation);
        Assert.Contains(result.Trace, s => s.Kind == SpfStepKind.Explanation && s.Text.Contains("no explanation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckHost_ExplanationWithSpacesInLocalPart_ExpandsAsIs()
    {
        _zone.Txt("spaces.example.org", "v=spf1 -all exp=why.spaces.example.org").Txt("why.spaces.example.org", "%{l} is refused.");

        var result = await _zone.CheckAsync("192.0.2.9", "Jane Q Public@spaces.example.org");

        Assert.Equal("Jane Q Public is refused.", result.Explanation);
    }

    [Fact]
    public async Task CheckHost_ExplanationEndingWithADot_KeepsIt()
    {
        _zone.Txt("dot.example.org", "v=spf1 exp=why.dot.example.org. -all").Txt("why.dot.example.org", "Ends with a dot.");

        Assert.Equal("Ends with a dot.", (await _zone.CheckAsync("192.0.2.9", "ann@dot.example.org")).Explanation);
    }

    [Fact]
    public async Task CheckHost_UpperCaseMacros_AreUrlEscaped()
    {
        _zone.Txt("esc.example.org", "v=spf1 -all exp=msg.%{D2}").Txt("msg.example.org", "https://example.org/why?s=%{S}&l=%{L}");

        var result = await _zone.CheckAsync("192.0.2.9", "~tom&jerry=cat-and_mouse.1@esc.example.org");

        Assert.Equal("https://example.org/why?s=~tom%26jerry%3Dcat-and_mouse.1%40esc.example.org&l=~tom%26jerry%3Dcat-and_mouse.1", result.Explanation);
    }

    [Fact]
    public async Task CheckHost_Ipv6Client_IAndVMacrosInExplanation()
    {
        _zone.Txt("six.example.org", "v=spf1 -all exp=why.six.example.org").Txt("why.six.example.org", "%{c} looked up as %{ir}.%{v}.arpa");

        var result = await _zone.CheckAsync("2001:db8::cb01", "ann@six.example.org");

        Assert.Equal("2001:db8::cb01 looked up as 1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", result.Explanation);
    }

    [Theory]
    [InlineData("192.0.2.50", "relay from mail.example.org")]            // validated name at the domain
    [InlineData("192.0.2.51", "relay from unknown")]                     // PTR name does not resolve back
    [InlineData("192.0.2.52", "relay from unknown")]                     // no PTR
    [InlineData("2001:db8::50", "relay from mail.example.org")]
    public async Task CheckHost_PMacroInExplanation_ValidatedNameOrUnknown(string ip, string expected)
    {
        _zone.Txt("example.org", "v=spf1 -all exp=why.example.org").Txt("why.example.org", "relay from %{p}")
            .Ptr("192.0.2.50", "mail.example.org").Address("mail.example.org", "192.0.2.50", "2001:db8::50")
            .Ptr("192.0.2.51", "mail.example.org")
            .Ptr("2001:db8::50", "mail.example.org");

        Assert.Equal(expected, (await _zone.CheckAsync(ip, "ann@example.org")).Explanation);
    }

    [Fact]
    public async Task CheckHost_ExpDomainOver253Characters_LeftLabelsDropped()
    {
        const string o = "a-rather.long.sender.example.org";
        var spec = "lead." + string.Concat(Enumerable.Repeat("%{o}.", 8)) + "example.org";
        var expanded = "lead." + string.Concat(Enumerable.Repeat(o + ".", 8)) + "example.org";
        var expected = "org." + string.Concat(Enumerable.Repeat(o + ".", 7)) + "example.org";
        Assert.Equal(280, expanded.Length);
        Assert.Equal(246, expected.Length);     // "lead.", "a-rather.", "long.", "sender.", "example." dropped (RFC 7208 §7.3)
        _zone.Txt(o, $"v=spf1 -all exp={spec}").Txt(expected, "Cut to fit.");

        Assert.Equal("Cut to fit.", (await _zone.CheckAsync("192.0.2.9", "ann@" + o)).Explanation);
    }
}
