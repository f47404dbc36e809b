using System.Net;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>check_host(): each mechanism with its CIDR lengths, and include/redirect semantics (RFC 7208 §5, §6.1).</summary>
public class SpfEvaluatorMechanismTests
{
    private readonly SpfZone _zone = new();

    private async Task<SpfResult> Check(string record, string ip, string domain = "test.example.org")
    {
        _zone.Txt(domain, record);
        return (await _zone.CheckAsync(ip, "ann@" + domain)).Result;
    }

    [Theory]
    [InlineData("v=spf1 ?all", SpfResult.Neutral)]
    [InlineData("v=spf1 ~all", SpfResult.SoftFail)]
    [InlineData("v=spf1 all -all", SpfResult.Pass)]
    [InlineData("v=spf1 +all", SpfResult.Pass)]
    [InlineData("v=spf1 ip4:192.0.2.1", SpfResult.Neutral)]
    public async Task CheckHost_All_FirstMatchWins(string record, SpfResult expected) =>
        Assert.Equal(expected, await Check(record, "192.0.2.9"));

    [Fact]
    public async Task CheckHost_TermsAfterAll_AreNeverEvaluated()
    {
        Assert.Equal(SpfResult.Fail, await Check("v=spf1 -all a:unused.example.org include:unused.example.net", "192.0.2.9"));
        Assert.DoesNotContain(_zone.Queries, q => q.Name.StartsWith("unused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckHost_RedirectWithAll_RedirectIgnored()
    {
        // RFC 7208 §6.1: redirect is ignored when the record has all, wherever it stands; here the redirect would loop.
        Assert.Equal(SpfResult.SoftFail, await Check("v=spf1 redirect=test.example.org ~all", "192.0.2.9"));
        Assert.Single(_zone.Queries);
    }

    [Theory]
    [InlineData("192.0.2.1", SpfResult.Pass)]
    [InlineData("192.0.2.2", SpfResult.Fail)]
    public async Task CheckHost_RedirectAfterMechanisms_UsedOnlyWhenNothingMatched(string ip, SpfResult expected)
    {
        _zone.Txt("policy.example.net", "v=spf1 -all");

        Assert.Equal(expected, await Check("v=spf1 ip4:192.0.2.1 redirect=policy.example.net", ip));
    }

    [Fact]
    public async Task CheckHost_Redirect_ChangesTheDomainMacrosAndMechanismsUse()
    {
        _zone.Txt("shared.example.net", "v=spf1 a -all").Address("shared.example.net", "192.0.2.2").Address("test.example.org", "192.0.2.1");
        _zone.Txt("test.example.org", "v=spf1 redirect=shared.example.net");

        var result = await _zone.CheckAsync("192.0.2.2", "ann@test.example.org");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal("shared.example.net", result.MechanismDomain);
        Assert.Equal("ann@test.example.org", result.Sender);
    }

    [Theory]
    [InlineData("v=spf1 ip4:198.51.100.7/0 -all", "192.0.2.9", SpfResult.Pass)]
    [InlineData("v=spf1 ip4:192.0.2.9/32 -all", "192.0.2.9", SpfResult.Pass)]
    [InlineData("v=spf1 ip4:192.0.2.0/25 -all", "192.0.2.200", SpfResult.Fail)]
    [InlineData("v=spf1 ip4:192.0.2.128/25 -all", "192.0.2.200", SpfResult.Pass)]
    [InlineData("v=spf1 ip4:192.0.2.77/24 -all", "192.0.2.200", SpfResult.Pass)]       // host bits ignored
    [InlineData("v=spf1 ip4:0.0.0.0/0 -all", "2001:db8::1", SpfResult.Fail)]          // an IPv6 client never matches ip4
    [InlineData("v=spf1 -ip4:192.0.2.9 ip6:::ffff:192.0.2.9", "::ffff:192.0.2.9", SpfResult.Fail)]   // IPv4-mapped is IPv4 (§5)
    [InlineData("v=spf1 ip6:::192.0.2.1/0", "192.0.2.9", SpfResult.Neutral)]
    [InlineData("v=spf1 ip6:::192.0.2.1/0", "::ffff:192.0.2.9", SpfResult.Neutral)]
    [InlineData("v=spf1 ip6:::192.0.2.1/0", "2001:db8:ffff::1", SpfResult.Pass)]
    [InlineData("v=spf1 ip6:2001:db8:8000::/33", "2001:db8:8000::99", SpfResult.Pass)]
    [InlineData("v=spf1 ip6:2001:db8:8000::/33", "2001:db8::99", SpfResult.Neutral)]
    [InlineData("v=spf1 ip6:2001:db8:8000::/33", "192.0.2.9", SpfResult.Neutral)]
    [InlineData("v=spf1 ip6:2001:DB8::A/128", "2001:db8::a", SpfResult.Pass)]
    public async Task CheckHost_Ip4Ip6_MatchByFamilyAndPrefix(string record, string ip, SpfResult expected) =>
        Assert.Equal(expected, await Check(record, ip));

    [Theory]
    [InlineData("v=spf1 a -all", "192.0.2.10", SpfResult.Pass)]
    [InlineData("v=spf1 a -all", "192.0.2.12", SpfResult.Fail)]
    [InlineData("v=spf1 a:other.example.net -all", "198.51.100.3", SpfResult.Pass)]      // any of several addresses
    [InlineData("v=spf1 a:other.example.net/24 -all", "198.51.100.200", SpfResult.Pass)]
    [InlineData("v=spf1 a/0 -all", "203.0.113.1", SpfResult.Pass)]                       // /0: any A record at all
    [InlineData("v=spf1 a:nothing.example.net/0 -all", "203.0.113.1", SpfResult.Fail)]   // no address: no match, even with /0
    [InlineData("v=spf1 a/0 -all", "2001:db8::5", SpfResult.Fail)]                       // the IPv4 length does not apply to IPv6
    [InlineData("v=spf1 a//0 -all", "2001:db8:ffff::5", SpfResult.Pass)]
    [InlineData("v=spf1 a//0 -all", "203.0.113.1", SpfResult.Fail)]
    [InlineData("v=spf1 a//0 -all", "::ffff:203.0.113.1", SpfResult.Fail)]
    [InlineData("v=spf1 a:v4only.example.net//0 -all", "2001:db8::5", SpfResult.Fail)]
    [InlineData("v=spf1 a/24//64 -all", "192.0.2.99", SpfResult.Pass)]
    [InlineData("v=spf1 a/24//64 -all", "2001:db8:0:1::ffff", SpfResult.Pass)]
    [InlineData("v=spf1 a/24//64 -all", "2001:db8:0:2::1", SpfResult.Fail)]
    [InlineData("v=spf1 a//64 -all", "192.0.2.99", SpfResult.Fail)]                      // IPv4 part stays /32
    [InlineData("v=spf1 a/24 -all", "2001:db8:0:1::ffff", SpfResult.Fail)]               // IPv6 part stays /128
    [InlineData("v=spf1 a -all", "2001:db8:0:1::10", SpfResult.Pass)]
    [InlineData("v=spf1 a:colon:and/slash.example.net -all", "198.51.100.50", SpfResult.Pass)]
    [InlineData("v=spf1 a:tld.example.xn--p1ai -all", "198.51.100.51", SpfResult.Pass)]
    [InlineData("v=spf1 a:mail.example...net -all", "192.0.2.10", SpfResult.Fail)]       // empty label: matches nothing
    public async Task CheckHost_A_MatchesTheTargetsAddressesWithDualCidr(string record, string ip, SpfResult expected)
    {
        _zone.Address("test.example.org", "192.0.2.10", "192.0.2.11", "2001:db8:0:1::10")
            .Address("other.example.net", "198.51.100.1", "198.51.100.3", "198.51.100.5")
            .Address("v4only.example.net", "198.51.100.1")
            .Address("colon:and/slash.example.net", "198.51.100.50")
            .Address("tld.example.xn--p1ai", "198.51.100.51");

        Assert.Equal(expected, await Check(record, ip));
    }

    [Fact]
    public async Task CheckHost_AForIpv6Client_AsksOnlyAaaa()
    {
        _zone.Address("test.example.org", "2001:db8::10");

        Assert.Equal(SpfResult.Pass, await Check("v=spf1 a -all", "2001:db8::10"));
        Assert.Equal([DnsRecordType.TXT, DnsRecordType.AAAA], _zone.Queries.Select(q => q.Type));
    }

    [Fact]
    public async Task CheckHost_LabelOver63InTarget_MatchesNothingWithoutAQuery()
    {
        Assert.Equal(SpfResult.Fail, await Check($"v=spf1 a:{new string('x', 64)}.example.net -all", "192.0.2.9"));
        Assert.Single(_zone.Queries);
    }

    [Theory]
    [InlineData("v=spf1 mx -all", "192.0.2.21", SpfResult.Pass)]
    [InlineData("v=spf1 mx -all", "192.0.2.33", SpfResult.Pass)]                  // the second MX host
    [InlineData("v=spf1 mx -all", "192.0.2.22", SpfResult.Fail)]
    [InlineData("v=spf1 mx/24 -all", "192.0.2.99", SpfResult.Pass)]
    [InlineData("v=spf1 mx/0 -all", "203.0.113.1", SpfResult.Pass)]
    [InlineData("v=spf1 mx/0 -all", "2001:db8::1", SpfResult.Fail)]
    [InlineData("v=spf1 mx//0 -all", "2001:db8::1", SpfResult.Pass)]
    [InlineData("v=spf1 mx//0 -all", "::ffff:203.0.113.1", SpfResult.Fail)]
    [InlineData("v=spf1 mx:other.example.net/24 -all", "198.51.100.77", SpfResult.Pass)]
    [InlineData("v=spf1 mx:nomx.example.net", "198.51.100.9", SpfResult.Neutral)]   // no MX: never the A record (§5.4)
    [InlineData("v=spf1 mx:nullmx.example.net", "198.51.100.9", SpfResult.Neutral)]
    public async Task CheckHost_Mx_MatchesTheMxHostsAddresses(string record, string ip, SpfResult expected)
    {
        _zone.Mx("test.example.org", "mx1.example.org", "mx2.example.org")
            .Address("mx1.example.org", "192.0.2.21", "2001:db8::21")
            .Address("mx2.example.org", "192.0.2.33")
            .Mx("other.example.net", "mx.other.example.net").Address("mx.other.example.net", "198.51.100.1")
            .Address("nomx.example.net", "198.51.100.9")
            .Mx("nullmx.example.net", ".").Address("nullmx.example.net", "198.51.100.9");

        Assert.Equal(expected, await Check(record, ip));
    }

    [Theory]
    [InlineData("v=spf1 ptr -all", "192.0.2.40", SpfResult.Pass)]                    // validated name at the domain
    [InlineData("v=spf1 ptr:example.org -all", "192.0.2.40", SpfResult.Pass)]        // ... or below the target
    [InlineData("v=spf1 ptr:Example.ORG -all", "192.0.2.40", SpfResult.Pass)]
    [InlineData("v=spf1 ptr:example.net -all", "192.0.2.40", SpfResult.Fail)]
    [InlineData("v=spf1 ptr -all", "192.0.2.41", SpfResult.Fail)]                    // PTR name does not resolve back
    [InlineData("v=spf1 ptr -all", "2001:db8::40", SpfResult.Pass)]
    [InlineData("v=spf1 ptr:example.org -all", "2001:db8::41", SpfResult.Pass)]      // upper case in the PTR answer
    [InlineData("v=spf1 ptr -all", "192.0.2.42", SpfResult.Fail)]                    // PTR lookup fails: no match, not temperror
    [InlineData("v=spf1 ptr", "192.0.2.43", SpfResult.Neutral)]                      // forward lookup fails: that name is skipped
    public async Task CheckHost_Ptr_MatchesValidatedNames(string record, string ip, SpfResult expected)
    {
        _zone.Ptr("192.0.2.40", "other.example.net", "host.test.example.org")
            .Address("host.test.example.org", "192.0.2.40").Address("other.example.net", "198.51.100.1")
            .Ptr("192.0.2.41", "fake.test.example.org")
            .Ptr("2001:db8::40", "v6.test.example.org").Address("v6.test.example.org", "2001:db8::40")
            .Ptr("2001:db8::41", "Mail.Example.ORG").Address("mail.example.org", "2001:db8::41")
            .Failing(ReverseName.Ptr(IPAddress.Parse("192.0.2.42")), DnsResponseStatus.ServFail)
            .Ptr("192.0.2.43", "broken.test.example.org").Failing("broken.test.example.org", DnsResponseStatus.ServFail);

        Assert.Equal(expected, await Check(record, ip));
    }

    [Theory]
    [InlineData("v=spf1 exists:present.example.net -all", "192.0.2.9", SpfResult.Pass)]
    [InlineData("v=spf1 exists:present.example.net -all", "2001:db8::9", SpfResult.Pass)]   // always an A query (§5.7)
    [InlineData("v=spf1 exists:v6only.example.net -all", "2001:db8::9", SpfResult.Fail)]
    [InlineData("v=spf1 exists:absent.example.net -all", "192.0.2.9", SpfResult.Fail)]
    [InlineData("v=spf1 exists:broken.example.net -all", "192.0.2.9", SpfResult.TempError)]
    public async Task CheckHost_Exists_MatchesAnyARecord(string record, string ip, SpfResult expected)
    {
        _zone.Address("present.example.net", "127.0.0.2").Address("v6only.example.net", "2001:db8::9").Failing("broken.example.net");

        Assert.Equal(expected, await Check(record, ip));
        Assert.DoesNotContain(_zone.Queries, q => q.Type == DnsRecordType.AAAA);
    }

    [Theory]
    [InlineData("v=spf1 include:inc-pass.example.net -all", SpfResult.Pass)]
    [InlineData("v=spf1 include:inc-fail.example.net ~all", SpfResult.SoftFail)]          // fail inside: no match
    [InlineData("v=spf1 include:inc-softfail.example.net all", SpfResult.Pass)]
    [InlineData("v=spf1 include:inc-neutral.example.net -all", SpfResult.Fail)]
    [InlineData("v=spf1 include:inc-slow.example.net -all", SpfResult.TempError)]
    [InlineData("v=spf1 include:inc-broken.example.net -all", SpfResult.PermError)]
    [InlineData("v=spf1 include:inc-none.example.net -all", SpfResult.PermError)]          // none inside: permerror (§5.2)
    [InlineData("v=spf1 include:inc-nxdomain.example.net -all", SpfResult.PermError)]
    [InlineData("v=spf1 -include:inc-pass.example.net +all", SpfResult.Fail)]
    public async Task CheckHost_Include_MapsTheInnerResult(string record, SpfResult expected)
    {
        _zone.Txt("inc-pass.example.net", "v=spf1 ip4:192.0.2.9 -all")
            .Txt("inc-fail.example.net", "v=spf1 -all")
            .Txt("inc-softfail.example.net", "v=spf1 ~all")
            .Txt("inc-neutral.example.net", "v=spf1 ?all")
            .Failing("inc-slow.example.net")
            .Txt("inc-broken.example.net", "v=spf1 include +all")
            .Txt("inc-none.example.net", "v=spfl this is not spf");

        Assert.Equal(expected, await Check(record, "192.0.2.9"));
    }

    [Fact]
    public async Task CheckHost_IncludeMatch_ReportsTheIncludeAsTheMechanism()
    {
        _zone.Txt("esp.example.net", "v=spf1 ip4:198.51.100.0/24 -all");

        _zone.Txt("test.example.org", "v=spf1 mx include:esp.example.net -all");
        var result = await _zone.CheckAsync("198.51.100.60", "ann@test.example.org");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal("include:esp.example.net", result.Mechanism);
        Assert.Equal("test.example.org", result.MechanismDomain);
        Assert.Equal("v=spf1 mx include:esp.example.net -all", result.Record);
    }

    [Theory]
    [InlineData("v=spf1 redirect=nowhere.example.net", SpfResult.PermError)]     // NXDOMAIN
    [InlineData("v=spf1 redirect=nospf.example.net", SpfResult.PermError)]       // no SPF record (§6.1)
    [InlineData("v=spf1 redirect=slow.example.net", SpfResult.TempError)]
    [InlineData("v=spf1 redirect=%{l}.example...net", SpfResult.PermError)]     // not a valid name after expansion
    public async Task CheckHost_RedirectTargetUnusable_ErrorNotNone(string record, SpfResult expected)
    {
        _zone.Txt("nospf.example.net", "google-site-verification=abc").Failing("slow.example.net");

        Assert.Equal(expected, await Check(record, "192.0.2.9"));
    }
}
