using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>check_host(): macros in mechanisms and modifiers (RFC 7208 §7), as published policies use them.</summary>
public class SpfEvaluatorMacroTests
{
    private readonly SpfZone _zone = new();

    [Fact]
    public async Task CheckHost_ExistsWithPerUserMacros_LooksUpTheExpandedName()
    {
        _zone.Txt("users.example.org", "v=spf1 exists:%{i}.%{l2r-}.u.%{d2} -all").Address("192.0.2.4.doe.jane.u.example.org", "127.0.0.2");

        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.4", "jane-doe-smith@users.example.org")).Result);
        Assert.Equal(SpfResult.Fail, (await _zone.CheckAsync("192.0.2.5", "jane-doe-smith@users.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_SeveralDelimiters_SplitOnEach()
    {
        _zone.Txt("tags.example.org", "v=spf1 exists:%{l2r+-}.u.%{d2} -all").Address("lee.ann.u.example.org", "127.0.0.2");

        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.9", "ann-lee+weekly+news@tags.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_ReversedAddressBlocklistStyle_Matches()
    {
        _zone.Txt("bl.example.org", "v=spf1 -exists:%{ir}.%{v}.deny.example.net +all").Address("9.2.0.192.in-addr.deny.example.net", "127.0.0.2");

        Assert.Equal(SpfResult.Fail, (await _zone.CheckAsync("192.0.2.9", "ann@bl.example.org")).Result);
        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.10", "ann@bl.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_DomainMacroWithTrailingDot_FollowsTheRedirectChain()
    {
        _zone.Txt("example.org", "v=spf1 redirect=%{d}.policies.example.net.")
            .Txt("example.org.policies.example.net", "v=spf1 redirect=common.example.net")
            .Txt("common.example.net", "v=spf1 include:senders.example.net. ~all")
            .Txt("senders.example.net", "v=spf1 ip4:192.0.2.40");

        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.40", "ann@example.org")).Result);
        Assert.Equal(SpfResult.SoftFail, (await _zone.CheckAsync("192.0.2.41", "ann@example.org")).Result);
    }

    [Theory]
    [InlineData("mail.example.net", "192.0.2.60", SpfResult.Pass)]
    [InlineData("mail.example.net", "192.0.2.61", SpfResult.Fail)]
    [InlineData("GARBAGE' HELO NAME", "192.0.2.60", SpfResult.Fail)]       // URL-escaped to one label: no usable name, no match
    [InlineData("[192.0.2.60]", "192.0.2.60", SpfResult.Fail)]
    public async Task CheckHost_HeloMacro_UsesTheNameTheClientSent(string helo, string ip, SpfResult expected)
    {
        _zone.Txt("helo.example.org", "v=spf1 a:%{H} -all").Address("mail.example.net", "192.0.2.60");

        Assert.Equal(expected, (await _zone.CheckAsync(ip, "helo.example.org", "ann@helo.example.org", helo)).Result);
    }

    [Theory]
    [InlineData("mail.example.net", "192.0.2.70", SpfResult.Pass)]      // HELO resolves to the client: trusted block passes
    [InlineData("liar.example.net", "192.0.2.70", SpfResult.Fail)]      // HELO does not resolve to it: the include fails
    [InlineData("liar.example.net", "198.51.100.9", SpfResult.Fail)]
    public async Task CheckHost_IncludeThatChecksTheHelo_GatesTheAddressBlock(string helo, string ip, SpfResult expected)
    {
        _zone.Txt("gate.example.org", "v=spf1 -include:_helo.%{d2} ip4:192.0.2.0/24 -all")
            .Txt("_helo.example.org", "v=spf1 -a:%{h} +all")
            .Address("mail.example.net", "192.0.2.70");

        Assert.Equal(expected, (await _zone.CheckAsync(ip, "gate.example.org", "ann@gate.example.org", helo)).Result);
    }

    [Fact]
    public async Task CheckHost_PercentEscapesInDomain_Expand()
    {
        _zone.Txt("pct.example.org", "v=spf1 a:odd%%name%_with%-escapes.example.net -all").Address("odd%name with%20escapes.example.net", "192.0.2.80");

        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.80", "ann@pct.example.org")).Result);
    }

    [Theory]
    [InlineData("192.0.2.90", SpfResult.Pass)]       // validated name below the domain is preferred: ok.%{p}
    [InlineData("192.0.2.91", SpfResult.SoftFail)]
    public async Task CheckHost_PMacroInMechanism_PrefersANameBelowTheDomain(string ip, SpfResult expected)
    {
        _zone.Txt("pm.example.org", "v=spf1 exists:%{p}.allow.example.net ~all")
            .Ptr("192.0.2.90", "other.example.com", "relay.pm.example.org")
            .Address("other.example.com", "192.0.2.90").Address("relay.pm.example.org", "192.0.2.90")
            .Address("relay.pm.example.org.allow.example.net", "127.0.0.2")
            .Ptr("192.0.2.91", "other.example.com").Address("other.example.com", "192.0.2.91");

        Assert.Equal(expected, (await _zone.CheckAsync(ip, "ann@pm.example.org")).Result);
    }
}
