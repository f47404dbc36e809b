using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>The posture of a domain's SPF: every defect the scorecard reports, with its status and RFC section.</summary>
public class SpfVerdictTests
{
    private const string Domain = "example.org";
    private readonly SpfZone _zone = new();

    private async Task<(SpfAnalysis Analysis, ScorecardItem Item)> Judge(params string[] records)
    {
        _zone.Txt(Domain, records);
        var analysis = await SpfAnalyzer.AnalyzeAsync(new CheckDns(_zone.Dns, 150), Domain, CancellationToken.None);
        var item = SpfVerdict.Judge(analysis);
        Assert.Equal(ScorecardIds.Spf, item.Id);
        Assert.Equal(ScoreArea.Authentication, item.Area);
        Assert.Contains("RFC 7208 §", item.Detail, StringComparison.Ordinal);
        Assert.All(item.Findings, f => Assert.Contains("RFC", f.Text, StringComparison.Ordinal));
        Assert.All(item.Findings.Where(f => f.Status >= ScoreStatus.Warn), f => Assert.False(string.IsNullOrEmpty(f.Fix)));
        return (analysis, item);
    }

    private static ScoreFinding Finding(ScorecardItem item, ScoreStatus status, string text) =>
        Assert.Single(item.Findings, f => f.Status == status && f.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Judge_GoodRecord_PassWithLookupCount()
    {
        _zone.Mx(Domain, "mx.example.org").Address("mx.example.org", "192.0.2.1")
            .Txt("_spf.esp.example.net", "v=spf1 ip4:198.51.100.0/24 include:_spf2.esp.example.net -all")
            .Txt("_spf2.esp.example.net", "v=spf1 ip6:2001:db8::/32 -all");

        var (analysis, item) = await Judge("v=spf1 mx include:_spf.esp.example.net -all");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("SPF: one valid record, 3 of 10 DNS lookups", item.Title);
        Assert.Null(item.Fix);
        Assert.Equal(3, analysis.DnsLookups);
        Assert.Equal(0, analysis.VoidLookups);
        Finding(item, ScoreStatus.Pass, "3 of the 10 DNS lookups");
        Finding(item, ScoreStatus.Pass, "ends with -all");
    }

    [Fact]
    public async Task Judge_NoRecord_FailWithAFix()
    {
        _zone.Txt(Domain, "google-site-verification=abc");

        var (_, item) = await Judge();

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("SPF: no SPF record", item.Title);
        Assert.Contains("v=spf1 mx -all", item.Fix, StringComparison.Ordinal);
        Assert.Contains("§4.5", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=spf1include:_spf.example.net -all", "v=spf1 include:_spf.example.net -all")]
    [InlineData("\"v=spf1 mx -all\"", "v=spf1 mx -all")]
    [InlineData(" v=spf1 a -all", "v=spf1 a -all")]
    public async Task Judge_NearMissRecord_ExplainsWhyReceiversIgnoreIt(string txt, string repaired)
    {
        var (_, item) = await Judge(txt);

        Assert.Equal(ScoreStatus.Fail, item.Status);
        var finding = Finding(item, ScoreStatus.Fail, "looks like SPF but receivers ignore it");
        Assert.EndsWith(repaired, finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_NearMissBesideAValidRecord_WarnItsTermsAreIgnored()
    {
        var (_, item) = await Judge("v=spf1 ip4:192.0.2.0/24 -all", "v=spf1include:_spf.example.net");

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("SPF: SPF record not recognised", item.Title);
        Assert.Equal("Move the terms it needs into the SPF record, then delete it.", item.Fix);
    }

    [Theory]
    [InlineData("v=spf10 -all", "another version")]
    [InlineData("spf2.0/pra ip4:192.0.2.0/24 -all", "Sender ID")]
    public async Task Judge_OtherVersionOrSenderId_IsInformation(string txt, string text)
    {
        var (_, item) = await Judge(txt);

        Assert.Equal(ScoreStatus.Fail, item.Status);     // still no SPF record
        Finding(item, ScoreStatus.Info, text);
    }

    [Fact]
    public async Task Judge_TwoRecords_FailMergeFix()
    {
        var (_, item) = await Judge("v=spf1 mx ~all", "v=spf1 include:_spf.example.net -all");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("SPF: 2 SPF records", item.Title);
        Assert.Equal("Merge the 2 SPF records into one: v=spf1 mx include:_spf.example.net ~all", item.Fix);
        Assert.Contains("receivers return permerror", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Contains("(RFC 7208 §4.5)", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_SyntaxError_FailWithColumnAndTerm()
    {
        var (_, item) = await Judge("v=spf1 mx ip4:192.0.2 -all");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("SPF: syntax error at column 15", item.Title);
        Assert.Contains("(ip4:192.0.2)", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Contains("§4.6", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Equal("Correct 'ip4:192.0.2' in the TXT record at example.org.", item.Fix);
    }

    [Theory]
    [InlineData(7, ScoreStatus.Pass)]
    [InlineData(8, ScoreStatus.Warn)]
    [InlineData(10, ScoreStatus.Warn)]
    [InlineData(11, ScoreStatus.Fail)]
    [InlineData(14, ScoreStatus.Fail)]
    public async Task Judge_LookupCount_WarnFrom8FailOver10(int lookups, ScoreStatus expected)
    {
        // One include holding (lookups - 2) a: terms, plus mx: every lookup is counted through the include.
        _zone.Mx(Domain, "mx.example.org").Address("mx.example.org", "192.0.2.1").Address("host.example.net", "198.51.100.1")
            .Txt("_spf.example.net", "v=spf1 " + string.Join(' ', Enumerable.Repeat("a:host.example.net", lookups - 2)) + " -all");

        var (analysis, item) = await Judge("v=spf1 mx include:_spf.example.net -all");

        Assert.Equal(lookups, analysis.DnsLookups);
        Assert.Equal(expected, item.Status);
        if (expected == ScoreStatus.Fail)
        {
            Assert.Equal($"SPF: {lookups} DNS lookups, over the limit of 10", item.Title);
            var finding = Finding(item, ScoreStatus.Fail, "§4.6.4");
            Assert.Contains("The 11th is a:host.example.net in _spf.example.net's record", finding.Text, StringComparison.Ordinal);
            Assert.Contains($"include:_spf.example.net costs {lookups - 1}", item.Fix, StringComparison.Ordinal);
        }
        else if (expected == ScoreStatus.Warn)
        {
            Assert.Equal($"SPF: {lookups} of 10 DNS lookups", item.Title);
        }
    }

    [Fact]
    public async Task Analyze_Tree_NumbersLookupsInEvaluationOrder()
    {
        _zone.Address(Domain, "192.0.2.1").Mx(Domain, "mx.example.org")
            .Txt("a.example.net", "v=spf1 a include:b.example.net redirect=c.example.net").Address("a.example.net", "198.51.100.1")
            .Txt("b.example.net", "v=spf1 ip4:198.51.100.0/24")
            .Txt("c.example.net", "v=spf1 exists:%{i}.allow.example.net -all");

        var (analysis, _) = await Judge("v=spf1 a include:a.example.net mx ptr -all exists:after.example.org");

        var tree = analysis.Tree!;
        Assert.Equal("v=spf1 a include:a.example.net mx ptr -all exists:after.example.org", tree.Record);
        Assert.Equal(["a", "include:a.example.net", "mx", "ptr"], tree.Children.Select(c => c.Term));     // nothing after -all (§5.1)
        Assert.Equal([1, 2, 7, 8], tree.Children.Select(c => c.Lookup));
        var include = tree.Children[1];
        Assert.Equal(5, include.Lookups);
        Assert.Equal(["a", "include:b.example.net", "redirect=c.example.net"], include.Children.Select(c => c.Term));
        Assert.Equal([3, 4, 5], include.Children.Select(c => c.Lookup));
        var redirect = include.Children[2];
        Assert.Equal(SpfNodeKind.Redirect, redirect.Kind);
        Assert.Equal("v=spf1 exists:%{i}.allow.example.net -all", redirect.Record);
        var exists = Assert.Single(redirect.Children);
        Assert.Equal((6, SpfNodeState.DependsOnSender), (exists.Lookup!.Value, exists.State));
        Assert.Equal(SpfNodeState.DependsOnSender, tree.Children[3].State);
        Assert.Equal(8, analysis.DnsLookups);
        Assert.Equal(8, tree.Lookups);
        Assert.DoesNotContain(_zone.Queries, q => q.Name == "after.example.org");
    }

    [Fact]
    public async Task Judge_VoidLookups_WarnEachFailOverTwo()
    {
        _zone.Address("live.example.org", "192.0.2.1").Address("empty.example.org", "192.0.2.2");

        var (analysis, item) = await Judge("v=spf1 a:live.example.org a:gone.example.org mx:empty.example.org exists:gone2.example.org ~all");

        Assert.Equal(3, analysis.VoidLookups);
        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("SPF: 3 void lookups, over the limit of 2", item.Title);
        Assert.Equal(3, item.Findings.Count(f => f.Status == ScoreStatus.Warn && f.Text.Contains("void lookup", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Judge_OneVoidLookup_Warn()
    {
        var (_, item) = await Judge("v=spf1 a:old-server.example.org -all");

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("SPF: a:old-server.example.org finds nothing", item.Title);
        Assert.Equal("Remove a:old-server.example.org, or publish the records it names.", item.Fix);
    }

    [Fact]
    public async Task Judge_MxWithElevenNames_Fail()
    {
        for (var i = 0; i < 11; i++)
        {
            _zone.Dns.AddMx(Domain, i, $"mx{i}.example.org");
        }

        var (_, item) = await Judge("v=spf1 mx -all");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("at most 10", Finding(item, ScoreStatus.Fail, "11 MX records").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=spf1 include:nospf.example.net -all", "publishes no SPF record", "§5.2")]
    [InlineData("v=spf1 include:gone.example.net -all", "does not exist (NXDOMAIN)", "§5.2")]
    [InlineData("v=spf1 redirect=nospf.example.net", "publishes no SPF record", "§6.1")]
    [InlineData("v=spf1 include:two.example.net -all", "publishes 2 SPF records", "§4.5")]
    [InlineData("v=spf1 include:broken.example.net -all", "syntax error at column 10", "§4.6")]
    [InlineData("v=spf1 include:loop.example.net -all", "already being evaluated", "§4.6.4")]
    public async Task Judge_IncludeOrRedirectTargetUnusable_Fail(string record, string text, string section)
    {
        _zone.Txt("nospf.example.net", "hello")
            .Txt("two.example.net", "v=spf1 -all", "v=spf1 ~all")
            .Txt("broken.example.net", "v=spf1 a:192.0.2.1 -all")
            .Txt("loop.example.net", "v=spf1 include:example.org -all");

        var (_, item) = await Judge(record);

        Assert.Equal(ScoreStatus.Fail, item.Status);
        var finding = Finding(item, ScoreStatus.Fail, text);
        Assert.Contains(section, finding.Text, StringComparison.Ordinal);
        Assert.Contains("permerror", finding.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=spf1 mx +all", "+all lets any host send as example.org")]
    [InlineData("v=spf1 all", "all lets any host send as example.org")]
    [InlineData("v=spf1 include:open.example.net -all", "include:open.example.net lets any host pass")]
    [InlineData("v=spf1 redirect=open.example.net", "+all lets any host send as example.org")]
    public async Task Judge_PlusAll_Fail(string record, string title)
    {
        _zone.Txt("open.example.net", "v=spf1 +all").Mx(Domain, "mx.example.org").Address("mx.example.org", "192.0.2.1");

        var (_, item) = await Judge(record);

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("SPF: " + title, item.Title);
        Assert.Contains("§5.1", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=spf1 ip4:192.0.2.1 ?all", "?all says nothing about other hosts", "§2.6.2")]
    [InlineData("v=spf1 ip4:192.0.2.1", "no all: hosts not listed get neutral", "§4.7")]
    [InlineData("v=spf1 ip4:192.0.2.1 ptr -all", "ptr should not be used", "§5.5")]
    [InlineData("v=spf1 -all ip4:192.0.2.1", "terms after all are ignored", "§5.1")]
    [InlineData("v=spf1 redirect=other.example.net -all", "redirect=other.example.net is ignored", "§6.1")]
    [InlineData("v=spf1 ip4:192.0.2.1 v=spf1 -all", "a second v=spf1 inside the record", "§6")]
    [InlineData("v=spf1 ip4=192.0.2.1 -all", "ip4=192.0.2.1 is ignored", "§6")]
    public async Task Judge_WeakOrOddRecord_Warn(string record, string title, string section)
    {
        _zone.Txt("other.example.net", "v=spf1 -all");

        var (_, item) = await Judge(record);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("SPF: " + title, item.Title);
        Assert.Contains(section, item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_RedirectToAStrictPolicy_PolicyComesFromTheTarget()
    {
        _zone.Txt("policy.example.net", "v=spf1 ip4:198.51.100.0/24 ~all");

        var (_, item) = await Judge("v=spf1 redirect=policy.example.net");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains("policy.example.net's record (through redirect=policy.example.net) ends with ~all", Finding(item, ScoreStatus.Pass, "~all").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_SoftFailAll_PassWithADmarcNote()
    {
        var (_, item) = await Judge("v=spf1 ip4:192.0.2.0/24 ~all");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains("DMARC", Finding(item, ScoreStatus.Pass, "ends with ~all").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_RecordOver450Bytes_Warn()
    {
        var record = "v=spf1 " + string.Join(' ', Enumerable.Range(1, 30).Select(i => $"ip4:198.51.100.{i}")) + " -all";
        Assert.True(record.Length > 450);

        var (_, item) = await Judge(record);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal($"SPF: record is {record.Length} bytes", item.Title);
        Assert.Contains("§3.4", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_UnknownModifierAndExp_Information()
    {
        var (_, item) = await Judge("v=spf1 ip4:192.0.2.0/24 exp=why.example.org moo=cow -all");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Finding(item, ScoreStatus.Info, "moo=cow is not an SPF modifier");
        Finding(item, ScoreStatus.Info, "§6.2");
    }

    [Fact]
    public async Task Judge_MacroTarget_CountedNotFollowed()
    {
        var (analysis, item) = await Judge("v=spf1 include:%{ir}.%{v}._spf.example.net exists:%{l}.users.%{d} -all");

        Assert.Equal(2, analysis.DnsLookups);
        Assert.False(analysis.Complete);        // what the include's record costs depends on the sender
        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("SPF: one valid record, at least 2 of 10 DNS lookups", item.Title);
        Assert.Equal(2, item.Findings.Count(f => f.Status == ScoreStatus.Info && f.Text.Contains("depend on the sender", StringComparison.Ordinal)));
        Assert.Equal(["TXT"], _zone.Queries.Select(q => q.Type.ToString()));
    }

    [Fact]
    public async Task Judge_DomainMacro_IsExpandedAndFollowed()
    {
        _zone.Txt("example.org._spf.example.net", "v=spf1 ip4:198.51.100.0/24 -all");

        var (analysis, item) = await Judge("v=spf1 include:%{d}._spf.example.net -all");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("example.org._spf.example.net", analysis.Tree!.Children[0].Target);
        Assert.Equal(SpfNodeState.Ok, analysis.Tree.Children[0].State);
    }

    [Theory]
    [InlineData(DnsResponseStatus.ServFail)]
    [InlineData(DnsResponseStatus.Timeout)]
    public async Task Judge_TopLookupFails_NotTested(DnsResponseStatus status)
    {
        _zone.Failing(Domain, status);

        var (analysis, item) = await Judge();

        Assert.False(analysis.Complete);
        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Equal("SPF: could not test", item.Title);
        Assert.Contains("never a fail", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_LookupFailsMidTree_NotTestedAndCountIsAMinimum()
    {
        _zone.Failing("slow.example.net", DnsResponseStatus.ServFail);

        var (analysis, item) = await Judge("v=spf1 ip4:192.0.2.0/24 include:slow.example.net -all");

        Assert.False(analysis.Complete);
        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Equal("SPF: partly tested (could not look up include:slow.example.net)", item.Title);
        Finding(item, ScoreStatus.Pass, "at least 1 of the 10");
        Assert.Contains("SERVFAIL", Finding(item, ScoreStatus.NotTested, "include:slow.example.net").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_LookupFailsMidTreeBesideARealDefect_StillFail()
    {
        _zone.Failing("slow.example.net", DnsResponseStatus.Timeout);

        var (_, item) = await Judge("v=spf1 include:slow.example.net +all");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.NotTested);
    }

    [Fact]
    public async Task Judge_NoSuchDomain_Information()
    {
        var analysis = await SpfAnalyzer.AnalyzeAsync(new CheckDns(_zone.Dns, 150), "nowhere.example.org", CancellationToken.None);

        var item = SpfVerdict.Judge(analysis);

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Contains("NXDOMAIN", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_HugeIncludeChain_StopsFollowingAndSaysTheCountIsAMinimum()
    {
        for (var i = 0; i < 50; i++)
        {
            _zone.Txt($"c{i}.example.net", $"v=spf1 include:c{i + 1}.example.net -all");
        }

        var (analysis, item) = await Judge("v=spf1 include:c0.example.net -all");

        Assert.False(analysis.Complete);
        Assert.Equal(SpfAnalyzer.MaxFollowedLookups + 1, analysis.DnsLookups);
        Assert.Equal(SpfAnalyzer.MaxFollowedLookups + 1, _zone.Queries.Count);
        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.StartsWith("SPF: at least 31 DNS lookups", item.Title, StringComparison.Ordinal);
        Finding(item, ScoreStatus.Info, "the counts are a minimum");
    }
}
