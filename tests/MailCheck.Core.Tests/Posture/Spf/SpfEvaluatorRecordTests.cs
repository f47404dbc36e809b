using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>check_host(): initial processing, record lookup and record selection (RFC 7208 §4.3–§4.5, §3.3).</summary>
public class SpfEvaluatorRecordTests
{
    private readonly SpfZone _zone = new();

    [Fact]
    public async Task CheckHost_LabelOf64Characters_NoneWithoutAQuery()
    {
        var result = await _zone.CheckAsync("192.0.2.9", $"ann@{new string('q', 64)}.example.org");

        Assert.Equal(SpfResult.None, result.Result);
        Assert.Contains("§4.3", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_zone.Queries);
    }

    [Fact]
    public async Task CheckHost_LabelOf63Characters_IsEvaluated()
    {
        var domain = $"{new string('q', 63)}.example.org";
        _zone.Txt(domain, "v=spf1 -all");

        Assert.Equal(SpfResult.Fail, (await _zone.CheckAsync("192.0.2.9", "ann@" + domain)).Result);
    }

    [Theory]
    [InlineData("ann@relay..example.org", "mail.example.net")]
    [InlineData("", "SINGLELABEL")]
    [InlineData("", "[192.0.2.9]")]
    [InlineData("ann@[192.0.2.9]", "mail.example.net")]
    public async Task CheckHost_NotAUsableDomain_None(string sender, string helo)
    {
        var result = await _zone.CheckAsync("192.0.2.9", sender, helo);

        Assert.Equal(SpfResult.None, result.Result);
        Assert.Empty(_zone.Queries);
    }

    [Fact]
    public async Task CheckHost_SenderWithoutLocalPart_IsPostmaster()
    {
        _zone.Txt("example.net", "v=spf1 -all exp=why.example.net").Txt("why.example.net", "%{l} may not send from %{c}");

        var result = await _zone.CheckAsync("192.0.2.9", "@example.net");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Equal("postmaster@example.net", result.Sender);
        Assert.Equal("postmaster may not send from 192.0.2.9", result.Explanation);
    }

    [Fact]
    public async Task CheckHost_EmptySenderHeloIdentity_ChecksPostmasterAtTheHeloName()
    {
        _zone.Txt("relay.example.net", "v=spf1 a -all").Address("relay.example.net", "192.0.2.7");

        var result = await _zone.CheckAsync("192.0.2.7", "", "relay.example.net");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal("postmaster@relay.example.net", result.Sender);
        Assert.Equal("a", result.Mechanism);
    }

    [Theory]
    [InlineData("v=spf1 a:\uFEFFhost.example.org -all")]
    [InlineData("v=spf1 \u0080a:example.org -all")]
    [InlineData("v=spf1 a:example.org \u0096all")]
    [InlineData("v=spf1 a:host.example.org\rptr -all")]
    [InlineData("v=spf1 ip4:192.0.2.1\n include:_spf.example.net ~all")]
    public async Task CheckHost_NotAsciiOrControlCharacterInRecord_PermError(string record)
    {
        _zone.Txt("bad.example.org", record).Address("host.example.org", "192.0.2.9");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@bad.example.org");

        Assert.Equal(SpfResult.PermError, result.Result);
        Assert.Contains("column", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_NonAsciiTxtThatIsNotSpf_IsNoneOfOurBusiness()
    {
        _zone.Txt("ok.example.org", "v=spf1 ip4:192.0.2.1 -all", "\u0096 some other text");

        Assert.Equal(SpfResult.Fail, (await _zone.CheckAsync("192.0.2.9", "ann@ok.example.org")).Result);
    }

    [Theory]
    [InlineData("192.0.2.1", SpfResult.Pass)]
    [InlineData("192.0.2.2", SpfResult.Fail)]
    public async Task CheckHost_SeveralSpacesAndTrailingSpace_AreFine(string ip, SpfResult expected)
    {
        _zone.Txt("spaces.example.org", "v=spf1  ip4:192.0.2.1   -all ");

        Assert.Equal(expected, (await _zone.CheckAsync(ip, "ann@spaces.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_RecordInSeveralStrings_JoinedWithNothingBetween()
    {
        _zone.TxtStrings("split.example.org", "v=spf1 ip4:", "192.0.2.5 -all").TxtStrings("split.example.org");

        var result = await _zone.CheckAsync("192.0.2.5", "ann@split.example.org");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal("v=spf1 ip4:192.0.2.5 -all", result.Record);
    }

    [Fact]
    public async Task CheckHost_VersionAndTermInSeparateStrings_IsNotSpf()
    {
        // "v=spf1" + "mx" joins to "v=spf1mx": not terminated by a space, so not an SPF record (RFC 7208 §4.5).
        _zone.TxtStrings("joined.example.org", "v=spf1", "mx");

        Assert.Equal(SpfResult.None, (await _zone.CheckAsync("192.0.2.9", "ann@joined.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_EmptyRecord_Neutral()
    {
        _zone.Txt("empty.example.org", "v=spf1");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@empty.example.org");

        Assert.Equal(SpfResult.Neutral, result.Result);
        Assert.Contains("§4.7", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_OtherVersionBesideSpf1_OnlySpf1IsUsed()
    {
        _zone.Txt("versions.example.org", "v=spf10 -all", "v=spf1 mx").Mx("versions.example.org", "mx.example.org").Address("mx.example.org", "192.0.2.20");

        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.20", "ann@versions.example.org")).Result);
    }

    [Theory]
    [InlineData("v=spf1 -all", "v=spf1 -all")]
    [InlineData("v=spf1 -all", "V=SPF1 +all")]
    [InlineData("v=spf1 ip4:192.0.2.1", "v=spf1 include:_spf.example.net")]
    public async Task CheckHost_TwoSpfRecords_PermError(string first, string second)
    {
        _zone.Txt("two.example.org", first, second, "unrelated=text");

        var result = await _zone.CheckAsync("192.0.2.1", "ann@two.example.org");

        Assert.Equal(SpfResult.PermError, result.Result);
        Assert.Contains("2 SPF records", result.Reason, StringComparison.Ordinal);
        Assert.Contains("§4.5", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_VersionInAnyCase_IsSpf()
    {
        _zone.Txt("case.example.org", "V=sPf1 ~ALL");

        Assert.Equal(SpfResult.SoftFail, (await _zone.CheckAsync("192.0.2.9", "ann@case.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_NameWithoutTxt_None()
    {
        _zone.Address("notxt.example.org", "192.0.2.9");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@notxt.example.org");

        Assert.Equal(SpfResult.None, result.Result);
        Assert.Null(result.Record);
    }

    [Fact]
    public async Task CheckHost_NoSuchDomain_None() =>
        Assert.Equal(SpfResult.None, (await _zone.CheckAsync("192.0.2.9", "ann@nowhere.example.org")).Result);

    [Theory]
    [InlineData(DnsResponseStatus.Timeout)]
    [InlineData(DnsResponseStatus.ServFail)]
    [InlineData(DnsResponseStatus.Refused)]
    public async Task CheckHost_TxtLookupFails_TempError(DnsResponseStatus status)
    {
        _zone.Failing("slow.example.org", status);

        var result = await _zone.CheckAsync("192.0.2.9", "ann@slow.example.org");

        Assert.Equal(SpfResult.TempError, result.Result);
        Assert.Contains("§4.4", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_AnyRecord_OnlyTxtIsQueried()
    {
        // The SPF RR type (99) is obsolete and never queried (RFC 7208 §3.1).
        _zone.Txt("txt.example.org", "v=spf1 include:inc.example.org -all").Txt("inc.example.org", "v=spf1 ?all");

        await _zone.CheckAsync("192.0.2.9", "ann@txt.example.org");

        Assert.All(_zone.Queries, q => Assert.Equal(DnsRecordType.TXT, q.Type));
        Assert.Equal(2, _zone.Queries.Count);
    }

    [Fact]
    public async Task CheckHost_SameRecordReachedThroughCname_IsNotTwoRecords()
    {
        _zone.Txt("a.example.org", "v=spf1 ip4:192.0.2.30 ?include:webmail.example.net -all")
            .Txt("webmail.example.net", "v=spf1 ip4:198.51.100.0/24")
            .Cname("b.example.org", "a.example.org")
            .Txt("alias.example.org", "v=spf1 include:a.example.org include:b.example.org -all");

        var result = await _zone.CheckAsync("192.0.2.31", "ann@alias.example.org");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Equal("-all", result.Mechanism);
    }

    [Fact]
    public async Task CheckHost_CheckDnsBudgetUsedUp_TempError()
    {
        _zone.Txt("budget.example.org", "v=spf1 include:next.example.org -all").Txt("next.example.org", "v=spf1 +all");

        var result = await _zone.CheckAsync("192.0.2.9", "budget.example.org", "ann@budget.example.org", "mail.example.net", budget: 1);

        Assert.Equal(SpfResult.TempError, result.Result);
        Assert.Contains("not sent", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_Trace_ShowsRecordEachTermAndTheResult()
    {
        _zone.Txt("trace.example.org", "v=spf1 ip4:192.0.2.1 include:inc.example.org -all").Txt("inc.example.org", "v=spf1 a:host.example.org -all");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@trace.example.org");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Equal(
            [
                (0, SpfStepKind.Record, (string?)null, (bool?)null),
                (0, SpfStepKind.Mechanism, "ip4:192.0.2.1", false),
                (1, SpfStepKind.Record, null, null),
                (1, SpfStepKind.Mechanism, "a:host.example.org", false),
                (1, SpfStepKind.Mechanism, "-all", true),
                (0, SpfStepKind.Mechanism, "include:inc.example.org", false),
                (0, SpfStepKind.Mechanism, "-all", true),
                (0, SpfStepKind.Result, null, null),
            ],
            result.Trace.Select(s => (s.Depth, s.Kind, s.Term, s.Matched)));
        Assert.Equal([0, 0, 1, 2, 2, 2, 2, 2], result.Trace.Select(s => s.Lookups));
        Assert.Equal(1, result.Trace[3].VoidLookups);
        Assert.Equal(2, result.DnsLookups);
        Assert.Equal(1, result.VoidLookups);
        Assert.Equal(SpfResult.Fail, result.Trace[^1].Result);
        Assert.All(result.Trace, s => Assert.Contains("RFC 7208", s.Text, StringComparison.Ordinal));
    }
}
