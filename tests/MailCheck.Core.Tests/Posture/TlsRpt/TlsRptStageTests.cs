using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.TlsRpt;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture.TlsRpt;

public class TlsRptStageTests
{
    private readonly PostureHarness _h = new();

    private async Task<ScorecardItem> Run(params string[] records)
    {
        foreach (var record in records)
        {
            _h.Zone.AddTxt("_smtp._tls.example.com", record);
        }

        await _h.RunAsync<TlsRptDetail>(new TlsRptStage(), EventKind.TlsRpt);
        return _h.Item(ScorecardIds.TlsRpt);
    }

    [Fact]
    public async Task RunAsync_NoRecord_InfoWithARecordToPublish()
    {
        var item = await Run();

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Equal(ScoreArea.Transport, item.Area);
        Assert.Equal("TLS-RPT: no record", item.Title);
        Assert.Equal("Publish TXT at _smtp._tls.example.com: \"v=TLSRPTv1; rua=mailto:tls-reports@example.com\".", item.Fix);
        Assert.Contains("RFC 8460 §3", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OneValidRecord_PassNamingTheDestinations()
    {
        var item = await Run("v=TLSRPTv1; rua=mailto:tls@example.com,https://r.example.net/v1");

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("TLS-RPT: reports to mailto:tls@example.com, https://r.example.net/v1", item.Title);
        var detail = Assert.IsType<TlsRptDetail>(Assert.Single(_h.Events, e => e.Kind == EventKind.TlsRpt).Detail);
        Assert.Equal(["mailto:tls@example.com", "https://r.example.net/v1"], detail.Rua);
    }

    [Fact]
    public async Task RunAsync_TwoRecords_FailNotImplemented()
    {
        var item = await Run("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("MUST then assume example.com does not implement TLS-RPT (RFC 8460 §3)", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoRua_Fail()
    {
        var item = await Run("v=TLSRPTv1;");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("no rua=", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OnlyHttpUri_FailNothingUsable()
    {
        var item = await Run("v=TLSRPTv1; rua=http://r.example.net/v1");

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("only mailto: and https:", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OneUsableOneNot_Warn()
    {
        var item = await Run("v=TLSRPTv1; rua=mailto:tls@example.com,ftp://r.example.net/x");

        Assert.Equal(ScoreStatus.Warn, item.Status);
    }

    [Fact]
    public async Task RunAsync_MistypedVersion_WarnAndNoRecord()
    {
        var item = await Run("v=tlsrptv1; rua=mailto:tls@example.com");

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("not a TLS-RPT record", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServFail_NotTestedNeverFail()
    {
        _h.Zone.SetStatus("_smtp._tls.example.com", DnsResponseStatus.ServFail);

        var item = await Run();

        Assert.Equal(ScoreStatus.NotTested, item.Status);
    }
}
