using MailCheck.Core.Dns;
using MailCheck.Core.Posture.MtaSts;
using MailCheck.Core.Scorecard;
using static MailCheck.Core.Tests.Posture.MtaSts.MtaStsTestData;

namespace MailCheck.Core.Tests.Posture.MtaSts;

/// <summary>The verdicts about the TXT record, the fetch and the policy (RFC 8461 §3).</summary>
public class MtaStsPolicyJudgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Judge_TxtLookupFailed_NotTestedNothingFetched()
    {
        var txt = new DnsAnswer { Name = "_mta-sts.example.com", Type = DnsRecordType.TXT, Status = DnsResponseStatus.ServFail };

        var verdict = MtaStsPolicyJudge.Judge(Discovery(txt, null), Timeout);

        Assert.Equal(ScoreStatus.NotTested, Worst(verdict));
        Assert.False(verdict.JudgesMx);
    }

    [Fact]
    public void Judge_NoRecordNoPolicy_InfoOnly()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt(), Failed(MtaStsFetchStatus.NoPolicyHost, "mta-sts.example.com does not exist (NXDOMAIN)")), Timeout);

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(ScoreStatus.Info, finding.Status);
        Assert.Contains("No MTA-STS", finding.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 8461", finding.Text, StringComparison.Ordinal);
        Assert.Equal("MTA-STS: not published", verdict.Title);
    }

    [Fact]
    public void Judge_PolicyPublishedButNoRecord_Warn()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt(), Fetched(EnforcePolicy)), Timeout);

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(ScoreStatus.Warn, finding.Status);
        Assert.Contains("never fetch the policy (RFC 8461 §3.1, §3.3)", finding.Text, StringComparison.Ordinal);
        Assert.Contains("_mta-sts.example.com", finding.Fix, StringComparison.Ordinal);
        Assert.False(verdict.JudgesMx);
    }

    [Fact]
    public void Judge_OtherTxtAtTheName_Ignored()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("google-site-verification=abc", "v=STSv1; id=1"), Fetched(EnforcePolicy)), Timeout);

        Assert.DoesNotContain(verdict.Findings, f => f.Text.Contains("google", StringComparison.Ordinal));
        Assert.True(verdict.JudgesMx);
    }

    [Fact]
    public void Judge_OnlyANearMiss_FailSendersDiscardIt()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1 id=1"), Fetched(EnforcePolicy)), Timeout);

        Assert.Equal(ScoreStatus.Fail, Worst(verdict));
        Assert.Contains(verdict.Findings, f => f.Text.Contains("must begin with \"v=STSv1;\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_TwoRecords_FailNoPolicy()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1", "v=STSv1; id=2"), Fetched(EnforcePolicy)), Timeout);

        Assert.Equal(ScoreStatus.Fail, Worst(verdict));
        Assert.Contains(verdict.Findings, f => f.Text.Contains("2 records", StringComparison.Ordinal) && f.Text.Contains("§3.1", StringComparison.Ordinal));
        Assert.False(verdict.JudgesMx);
    }

    [Fact]
    public void Judge_RecordWithoutId_Fail()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; x=1"), Fetched(EnforcePolicy)), Timeout);

        Assert.Equal(ScoreStatus.Fail, Worst(verdict));
        Assert.Contains(verdict.Findings, f => f.Text.Contains("no id= field", StringComparison.Ordinal));
        Assert.False(verdict.JudgesMx);
    }

    [Theory]
    [InlineData(MtaStsFetchStatus.NoPolicyHost, "mta-sts.example.com does not exist (NXDOMAIN)", "§3.3")]
    [InlineData(MtaStsFetchStatus.Redirect, "mta-sts.example.com answered 301 Moved Permanently (a redirect to https://www.example.com/)", "MUST NOT be followed")]
    [InlineData(MtaStsFetchStatus.WrongContentType, "mta-sts.example.com sent the policy with Content-Type text/html, not text/plain", "§3.2")]
    [InlineData(MtaStsFetchStatus.TooLarge, "the body is more than 65536 bytes", "64 KiB")]
    [InlineData(MtaStsFetchStatus.CertificateInvalid, "the certificate of mta-sts.example.com is not valid: it does not name mta-sts.example.com", "valid for mta-sts.example.com")]
    [InlineData(MtaStsFetchStatus.HttpError, "mta-sts.example.com answered 404 Not Found", "§3.3")]
    [InlineData(MtaStsFetchStatus.ConnectFailed, "no connection to port 443: connection refused", "§3.3")]
    [InlineData(MtaStsFetchStatus.TlsFailed, "the TLS handshake failed", "§3.3")]
    public void Judge_RecordButNoPolicy_FailSendersSilentlyGetNone(MtaStsFetchStatus status, string error, string cites)
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Failed(status, error)), Timeout);

        Assert.Equal(ScoreStatus.Fail, Worst(verdict));
        var fail = Assert.Single(verdict.Findings, f => f.Status == ScoreStatus.Fail);
        Assert.Contains(error, fail.Text, StringComparison.Ordinal);
        Assert.Contains(cites, fail.Text, StringComparison.Ordinal);
        Assert.Contains("as if the domain had no MTA-STS policy", fail.Text, StringComparison.Ordinal);
        Assert.NotNull(fail.Fix);
        Assert.Equal("MTA-STS: TXT record present but the policy cannot be fetched", verdict.Title);
        Assert.False(verdict.JudgesMx);
    }

    [Theory]
    [InlineData(10, ScoreStatus.Warn)]
    [InlineData(60, ScoreStatus.Fail)]
    public void Judge_Timeout_WarnUnlessMailCheckWaitedAsLongAsTheRfcSuggests(int seconds, ScoreStatus expected)
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Failed(MtaStsFetchStatus.Timeout, "no complete answer")), TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, Worst(verdict));
    }

    [Theory]
    [InlineData(MtaStsFetchStatus.Blocked)]
    [InlineData(MtaStsFetchStatus.DnsFailed)]
    public void Judge_FetchNotPossibleFromHere_NotTested(MtaStsFetchStatus status)
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Failed(status, "10.0.0.5 is in 10.0.0.0/8 (private)")), Timeout);

        Assert.Equal(ScoreStatus.NotTested, Worst(verdict));
    }

    [Fact]
    public void Judge_WrongContentType_ShowsThePolicyProblemsToo()
    {
        var fetch = Fetched("<html>hello</html>", "text/html") with { Status = MtaStsFetchStatus.WrongContentType, Error = "wrong type" };

        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), fetch), Timeout);

        Assert.Contains(verdict.Findings, f => f.Text.Contains("not a \"key: value\" field", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_ValidEnforcePolicy_PassesAndJudgesTheMx()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=20240501"), Fetched(EnforcePolicy)), Timeout);

        Assert.True(verdict.JudgesMx);
        Assert.Equal(MtaStsMode.Enforce, verdict.Mode);
        Assert.All(verdict.Findings, f => Assert.Equal(ScoreStatus.Pass, f.Status));
        Assert.Contains(verdict.Findings, f => f.Text.Contains("id 20240501", StringComparison.Ordinal));
        Assert.Contains(verdict.Findings, f => f.Text.Contains("fetched from " + Url, StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_PolicyFromThePrivateCa_SaysSo()
    {
        var fetch = Fetched(EnforcePolicy) with { Certificate = new MtaStsCertificate { Subject = "CN=x", Issuer = "CN=Lab", ChainValid = true, NameMatches = true, TrustedByExtraCa = true } };

        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), fetch), Timeout);

        Assert.Contains(verdict.Findings, f => f.Text.Contains("trusted through MailCheck:Tls:ExtraTrustedCaFile only", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_InvalidPolicy_FailAndNoMxJudged()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Fetched("version: STSv1\nmode: enforce\nmax_age: 86400\n")), Timeout);

        Assert.Equal(ScoreStatus.Fail, Worst(verdict));
        Assert.Contains(verdict.Findings, f => f.Text.Contains("no mx line", StringComparison.Ordinal) && f.Text.Contains("§3.2", StringComparison.Ordinal));
        Assert.Equal("MTA-STS: invalid policy (senders use none)", verdict.Title);
        Assert.False(verdict.JudgesMx);
    }

    [Fact]
    public void Judge_MaxAgeUnderADay_Warn()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Fetched("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 3600\n")), Timeout);

        var warn = Assert.Single(verdict.Findings, f => f.Status == ScoreStatus.Warn);
        Assert.Contains("max_age is 3600 seconds, under a day", warn.Text, StringComparison.Ordinal);
        Assert.True(verdict.JudgesMx);
    }

    [Fact]
    public void Judge_ModeNone_InfoNoMxJudged()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Fetched("version: STSv1\nmode: none\nmax_age: 86400\n")), Timeout);

        Assert.False(verdict.JudgesMx);
        Assert.Contains(verdict.Findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("Mode none", StringComparison.Ordinal));
        Assert.Equal("MTA-STS: mode none (no active policy)", verdict.Title);
    }

    [Fact]
    public void Judge_ModeTesting_JudgesTheMxInTestingMode()
    {
        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), Fetched("version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 86400\n")), Timeout);

        Assert.Equal(MtaStsMode.Testing, verdict.Mode);
        Assert.True(verdict.JudgesMx);
        Assert.Contains(verdict.Findings, f => f.Text.Contains("deliver anyway (RFC 8461 §5)", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_UnusualCharset_Warn()
    {
        var fetch = Fetched(EnforcePolicy, "text/plain; charset=iso-8859-1") with { Note = "charset is iso-8859-1; RFC 8461 §3.2 expects utf-8 or us-ascii" };

        var verdict = MtaStsPolicyJudge.Judge(Discovery(Txt("v=STSv1; id=1"), fetch), Timeout);

        Assert.Contains(verdict.Findings, f => f.Status == ScoreStatus.Warn && f.Text.Contains("iso-8859-1", StringComparison.Ordinal));
    }

    private static ScoreStatus Worst(MtaStsPolicyVerdict verdict) => verdict.Findings.Max(f => f.Status);
}
