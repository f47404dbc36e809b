using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcStageTests
{
    private readonly PostureHarness _h = new();

    private async Task<ScorecardItem> Run(params string[] records)
    {
        foreach (var record in records)
        {
            _h.Zone.AddTxt("_dmarc.example.com", record);
        }

        _h.Zone.AddMx("example.com", 10, "mx.example.com");
        await _h.RunAsync<DmarcDetail>(new DmarcStage(), EventKind.Dmarc);
        return _h.Item(ScorecardIds.Dmarc);
    }

    private static ScoreFinding Finding(ScorecardItem item, string text) =>
        Assert.Single(item.Findings, f => f.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_NoRecord_FailWithAStartingRecordAsTheFix()
    {
        var item = await Run();

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("DMARC: no record", item.Title);
        Assert.Equal("Publish TXT at _dmarc.example.com: \"v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com\", then move to p=quarantine or p=reject once the reports show only your own mail.", item.Fix);
        Assert.Contains("RFC 9989 §4.10.1", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Equal(ScoreArea.Authentication, item.Area);
    }

    [Fact]
    public async Task RunAsync_RejectWithReports_Pass()
    {
        var item = await Run("v=DMARC1; p=reject; rua=mailto:dmarc@example.com");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("DMARC: p=reject at example.com", item.Title);
        Assert.Null(item.Fix);
    }

    [Fact]
    public async Task RunAsync_PolicyNone_WarnMonitoringOnly()
    {
        var item = await Run("v=DMARC1; p=none; rua=mailto:dmarc@example.com");

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal(ScoreStatus.Warn, Finding(item, "monitoring only").Status);
        Assert.Contains("RFC 9989 §3.2.12", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TestingMode_WarnOneLevelBelow()
    {
        var item = await Run("v=DMARC1; p=reject; t=y; rua=mailto:dmarc@example.com");

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("apply quarantine instead of reject", Finding(item, "t=y").Text, StringComparison.Ordinal);
        Assert.Equal("DMARC: p=reject (t=y: quarantine) at example.com", item.Title);
    }

    [Fact]
    public async Task RunAsync_PctBelow100_WarnRemovedButStillHonoured()
    {
        var item = await Run("v=DMARC1; p=quarantine; pct=25; rua=mailto:dmarc@example.com");

        var finding = Finding(item, "pct=25");
        Assert.Equal(ScoreStatus.Warn, finding.Status);
        Assert.Contains("Appendix A.6", finding.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 7489", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubdomainPoliciesNoneUnderReject_WarnEach()
    {
        var item = await Run("v=DMARC1; p=reject; sp=none; np=none; rua=mailto:dmarc@example.com");

        Assert.Equal(ScoreStatus.Warn, Finding(item, "sp=none").Status);
        Assert.Equal(ScoreStatus.Warn, Finding(item, "np=none").Status);
    }

    [Fact]
    public async Task RunAsync_NoRua_WarnNoReports()
    {
        var item = await Run("v=DMARC1; p=reject");

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("Add rua=mailto:dmarc-reports@example.com (a mailbox you read) to the record at _dmarc.example.com.", item.Fix);
    }

    [Fact]
    public async Task RunAsync_ExternalRuaWithoutAuthorization_WarnReportsNotSent()
    {
        var item = await Run("v=DMARC1; p=reject; rua=mailto:d@reports.example.net");

        var finding = Finding(item, "will not be sent");
        Assert.Equal(ScoreStatus.Warn, finding.Status);
        Assert.Contains("example.com._report._dmarc.reports.example.net", finding.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 9990 §4", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExternalRufWithoutAuthorization_CitesTheFailureReportingRfc()
    {
        var item = await Run("v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@forensics.example.net");

        Assert.Contains("RFC 9991 §5", Finding(item, "will not be sent").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoRecords_FailBothDiscarded()
    {
        var item = await Run("v=DMARC1; p=reject", "v=DMARC1; p=none");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal(ScoreStatus.Fail, Finding(item, "has 2 DMARC records").Status);
    }

    [Fact]
    public async Task RunAsync_MistypedVersion_FailNamingTheIgnoredRecord()
    {
        var item = await Run("v=dmarc1; p=reject");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("RFC 9989 §4.7", Finding(item, "not a DMARC record").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidPolicyWithoutRua_FailNoDmarcProcessing()
    {
        var item = await Run("v=DMARC1; p=rejct");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("no DMARC processing", Finding(item, "p=rejct").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServFail_NotTestedNeverFail()
    {
        _h.Zone.SetStatus("_dmarc.example.com", DnsResponseStatus.ServFail);

        var item = await Run();

        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Equal("DMARC: could not test", item.Title);
        Assert.Contains("SERVFAIL", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Found_LeavesTheDiscoveryForLaterStagesAndReportsTheWalk()
    {
        var item = await Run("v=DMARC1; p=quarantine; rua=mailto:d@example.com");

        var discovery = _h.Context.Get<DmarcDiscoveryResult>();
        Assert.NotNull(discovery);
        Assert.Equal(DmarcPolicy.Quarantine, discovery.Record!.Policy);
        var detail = Assert.IsType<DmarcDetail>(Assert.Single(_h.Events, e => e.Kind == EventKind.Dmarc).Detail);
        Assert.Equal("p=quarantine", detail.Policy);
        Assert.Equal(["_dmarc.example.com: TXT \"v=DMARC1; p=quarantine; rua=mailto:d@example.com\" (TTL 300)", "_dmarc.com: NXDOMAIN"], detail.Lookups);
        Assert.Same(item, Assert.Single(detail.Items));
    }

    [Theory]
    [InlineData()]
    [InlineData("v=DMARC1; p=none")]
    [InlineData("v=DMARC1; p=reject; sp=none; np=none; t=y; pct=10; ri=60; rf=afrf; adkim=s; aspf=s; psd=y; fo=1; foo=bar; rua=mailto:a@example.com!5m,https://r.example.net/x,mailto:x@vendor.example.org; ruf=mailto:f@f.example.net")]
    [InlineData("v=DMARC1; p=rejct; sp=x; t=q; adkim=q; rua=mailto:nobody; reject")]
    [InlineData("v=DMARC1; p=none; p=reject", "v=DMARC1; sp=none")]
    public async Task RunAsync_AnyRecord_EveryVerdictNamesItsRfcSection(params string[] records)
    {
        var item = await Run(records);

        Assert.NotEmpty(item.Findings);
        Assert.All(item.Findings, f => Assert.Matches(@"RFC \d{4}|Appendix A\.6", f.Text));
        Assert.All(item.Findings.Where(f => f.Status >= ScoreStatus.Warn), f => Assert.False(string.IsNullOrWhiteSpace(f.Fix), f.Text));
    }
}
