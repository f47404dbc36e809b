using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Bimi;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture.Bimi;

public class BimiStageTests
{
    private const string Good = "v=BIMI1; l=https://images.example.com/logo.svg; a=https://images.example.com/vmc.pem";

    private PostureHarness _h = new();

    private async Task<ScorecardItem> Run(string? dmarc, params string[] bimi)
    {
        if (dmarc is not null)
        {
            _h.Zone.AddTxt("_dmarc.example.com", dmarc);
        }

        foreach (var record in bimi)
        {
            _h.Zone.AddTxt("default._bimi.example.com", record);
        }

        _h.Zone.AddMx(_h.Context.PostureDomain!, 10, "mx.example.com");
        await new DmarcStage().RunAsync(_h.Context, CancellationToken.None);
        await _h.RunAsync<BimiDetail>(new BimiStage(), EventKind.Bimi);
        return _h.Item(ScorecardIds.Bimi);
    }

    private static ScoreFinding Finding(ScorecardItem item, string text) =>
        Assert.Single(item.Findings, f => f.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_NoRecord_Information()
    {
        var item = await Run("v=DMARC1; p=reject");

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Equal("BIMI: no record", item.Title);
        Assert.Contains("default._bimi.example.com", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RecordWithDmarcAtReject_InformationOnlyAndNothingFetched()
    {
        var item = await Run("v=DMARC1; p=reject", Good);

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Contains("§7.1", Finding(item, "DMARC is at enforcement (p=reject at example.com)").Text, StringComparison.Ordinal);
        Assert.Contains("does not fetch", Finding(item, "Logo: https://images.example.com/logo.svg").Text, StringComparison.Ordinal);
        Assert.Contains("fetches neither", item.Detail, StringComparison.Ordinal);
        var detail = Assert.IsType<BimiDetail>(Assert.Single(_h.Events, e => e.Kind == EventKind.Bimi).Detail);
        Assert.Equal("https://images.example.com/vmc.pem", detail.Evidence);
    }

    [Theory]
    [InlineData("v=DMARC1; p=none", "has p=none (step 7)")]
    [InlineData("v=DMARC1; p=quarantine; pct=50", "pct=50, not 100 (step 9)")]
    [InlineData("v=DMARC1; p=reject; sp=none", "sp=none (step 8)")]
    [InlineData("v=DMARC1; p=quarantine; t=y", "t=y asks receivers to apply none instead of quarantine")]
    public async Task RunAsync_DmarcNotAtEnforcement_WarnNoLogo(string dmarc, string reason)
    {
        var item = await Run(dmarc, Good);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains(reason, Finding(item, "BIMI requires DMARC at enforcement").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoDmarcRecord_Warn()
    {
        var item = await Run(null, Good);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("has no DMARC record", Finding(item, "BIMI requires DMARC").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCertificate_InformationAboutMarkCertificates()
    {
        var item = await Run("v=DMARC1; p=reject", "v=BIMI1; l=https://images.example.com/logo.svg");

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Contains("§3.5", Finding(item, "No mark certificate").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubdomainWithoutRecord_FallsBackToTheOrganizationalDomain()
    {
        _h = new PostureHarness(domain: "news.example.com");

        var item = await Run("v=DMARC1; p=reject", Good);

        Assert.Contains("§7.2, step 6", Finding(item, "news.example.com has no BIMI record of its own").Text, StringComparison.Ordinal);
        Assert.Contains(_h.Zone.Queries, q => q.Name == "default._bimi.news.example.com");
    }

    [Fact]
    public async Task RunAsync_TwoRecords_WarnNoneUsed()
    {
        var item = await Run("v=DMARC1; p=reject", Good, Good.Replace("logo", "other", StringComparison.Ordinal));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("step 8", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Declined_Information()
    {
        var item = await Run("v=DMARC1; p=none", "v=BIMI1; l=; a=;");

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Equal("BIMI: declined", item.Title);
    }

    [Fact]
    public async Task RunAsync_ServFail_NotTested()
    {
        _h.Zone.SetStatus("default._bimi.example.com", DnsResponseStatus.ServFail);

        var item = await Run("v=DMARC1; p=reject");

        Assert.Equal(ScoreStatus.NotTested, item.Status);
    }

    [Fact]
    public async Task RunAsync_WithoutTheDmarcStage_SaysTheRequirementIsUnknown()
    {
        _h.Zone.AddTxt("default._bimi.example.com", Good);

        await _h.RunAsync<BimiDetail>(new BimiStage(), EventKind.Bimi);

        Assert.Contains("unknown", Finding(_h.Item(ScorecardIds.Bimi), "BIMI requires").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "v=BIMI1; l=http://x/logo.png; a=ftp://y; avp=q; avp=z; junk")]
    [InlineData("v=DMARC1; p=none; sp=none; pct=0", "v=BIMI1")]
    [InlineData(null, "v=BIMI1; l=https://example.com/logo.svg")]
    public async Task RunAsync_AnyRecord_NeverFailAndEveryFindingCitesItsSource(string? dmarc, string bimi)
    {
        var item = await Run(dmarc, bimi);

        Assert.True(item.Status <= ScoreStatus.Warn);
        Assert.DoesNotContain(item.Findings, f => f.Status is ScoreStatus.Fail or ScoreStatus.Pass);
        Assert.All(item.Findings, f => Assert.Matches(@"draft-brand-indicators-for-message-identification §\d|RFC \d{4}", f.Text));
    }
}
