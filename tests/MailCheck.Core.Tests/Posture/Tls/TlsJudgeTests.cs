using MailCheck.Core.Checks;
using MailCheck.Core.Dane;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Tls;
using MailCheck.Core.Scorecard;
using static MailCheck.Core.Tests.Posture.SessionFactsBuilder;

namespace MailCheck.Core.Tests.Posture.Tls;

/// <summary>The tls item of one MX address, from what the session showed (RFC 3207, RFC 8996, RFC 5280).</summary>
public class TlsJudgeTests
{
    private static readonly CheckRequest Opportunistic = new() { Domain = "example.com", Tls = TlsPolicy.Opportunistic };

    [Fact]
    public void Judge_Tls13TrustedNamedInDate_PassWithTargetAndRfcFreeTitle()
    {
        var item = Judge(Connection(tls: Handshake()));

        Assert.Equal(ScorecardIds.Tls, item.Id);
        Assert.Equal(ScoreArea.Transport, item.Area);
        Assert.Equal("mx1.example.com [192.0.2.1]", item.Target);
        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("TLS 1.3 with mx1.example.com: certificate trusted, valid until 2026-06-01", item.Title);
        Assert.Contains("One handshake shows the version negotiated", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TrustedThroughTheExtraCa_PassSayingSo()
    {
        var item = Judge(Connection(tls: Handshake(byExtraCa: true, issuer: "CN=Lab Root CA")));

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains("(private CA)", item.Title, StringComparison.Ordinal);
        Assert.Contains(item.Findings, f => f.Text.Contains("trusted only through MailCheck:Tls:ExtraTrustedCaFile, not the system's store", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TLS 1.0")]
    [InlineData("TLS 1.1")]
    public void Judge_OldProtocolNegotiated_WarnRfc8996(string protocol)
    {
        var item = Judge(Connection(tls: Handshake(protocol: protocol)));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Warn && f.Text.Contains("RFC 8996", StringComparison.Ordinal));
        Assert.Contains(protocol, item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_Tls12_Pass()
    {
        Assert.Equal(ScoreStatus.Pass, Judge(Connection(tls: Handshake(protocol: "TLS 1.2"))).Status);
    }

    [Fact]
    public void Judge_ExpiresWithinFourteenDays_Warn()
    {
        var item = Judge(Connection(tls: Handshake(notAfter: Now.AddDays(10))));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains(item.Findings, f => f.Text.Contains("expires on 2025-06-11, in 10 days", StringComparison.Ordinal));
        Assert.Equal("TLS with mx1.example.com: certificate expires in 10 days", item.Title);
    }

    [Fact]
    public void Judge_ExpiresInFifteenDays_Pass()
    {
        Assert.Equal(ScoreStatus.Pass, Judge(Connection(tls: Handshake(notAfter: Now.AddDays(15)))).Status);
    }

    [Fact]
    public void Judge_Expired_FailWithoutASecondChainFinding()
    {
        var item = Judge(Connection(tls: Handshake(chainValid: false, notAfter: Now.AddDays(-2), errors: ["NotTimeValid: certificate has expired"])));

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Single(item.Findings, f => f.Status >= ScoreStatus.Warn);
        Assert.Contains(item.Findings, f => f.Text.Contains("expired on 2025-05-30", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_NotYetValid_Fail()
    {
        var item = Judge(Connection(tls: Handshake(chainValid: false, notBefore: Now.AddDays(2), errors: ["NotTimeValid: certificate is not yet valid"])));

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains(item.Findings, f => f.Text.Contains("not valid before 2025-06-03", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_SelfSigned_WarnSayingWhoRefusesAndWhoDelivers()
    {
        var item = Judge(Connection(tls: Handshake(chainValid: false, issuer: "CN=mx1.example.com")));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        var warn = Assert.Single(item.Findings, f => f.Status == ScoreStatus.Warn);
        Assert.StartsWith("The certificate of mx1.example.com is self-signed: senders that check certificates", warn.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 8461 §4.2", warn.Text, StringComparison.Ordinal);
        Assert.Contains("opportunistic senders (RFC 7435, most MTAs' default) still deliver", warn.Text, StringComparison.Ordinal);
        Assert.Equal("TLS with mx1.example.com: self-signed certificate", item.Title);
    }

    [Fact]
    public void Judge_NameMismatch_WarnNamingWhatTheCertificateIsFor()
    {
        var item = Judge(Connection(tls: Handshake(hostNameMatches: false, names: ["mail.other.net", "*.other.net"])));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains(item.Findings, f => f.Text.Contains("does not name mx1.example.com (it is for mail.other.net, *.other.net)", StringComparison.Ordinal) && f.Text.Contains("DANE-EE", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_NoStartTls_WarnRfc3207()
    {
        var item = Judge(Connection(startTls: false));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("mx1.example.com does not offer STARTTLS", item.Title);
        Assert.Contains("RFC 3207", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.NotNull(item.Fix);
    }

    [Fact]
    public void Judge_StartTlsRefused_Fail()
    {
        var item = Judge(Connection(startTlsReply: Reply(EventKind.StartTls, 454, "454 4.7.0 TLS not available due to local problem")));

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("454 4.7.0 TLS not available", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_HandshakeFailedThenRetriedWithoutTls_FailSayingSo()
    {
        var failed = new TlsDetail { Succeeded = false, Error = "Authentication failed (SSL Handshake failed)" };

        var item = TlsJudge.Judge("mx1.example.com", "192.0.2.1", [Connection(tls: failed), Connection()], Opportunistic, Now);

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("connected again without TLS", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Equal("TLS handshake with mx1.example.com failed", item.Title);
    }

    [Fact]
    public void Judge_TlsOffButOffered_NotTested()
    {
        var item = TlsJudge.Judge("mx1.example.com", "192.0.2.1", [Connection()], Opportunistic with { Tls = TlsPolicy.None }, Now);

        Assert.Equal(ScoreStatus.NotTested, item.Status);
    }

    [Fact]
    public void Judge_NoEhloReply_NotTested()
    {
        var silent = new SessionConnection("mx1.example.com", "192.0.2.1", 25, null);

        Assert.Equal(ScoreStatus.NotTested, TlsJudge.Judge("mx1.example.com", "192.0.2.1", [silent], Opportunistic, Now).Status);
    }

    [Fact]
    public void Judge_SelfSignedButDaneEeMatches_InfoNotWarnAndTitleSaysDane()
    {
        var connection = Connection(tls: Handshake(chainValid: false, issuer: "CN=mx1.example.com", hostNameMatches: false, names: ["localhost"]));

        var item = TlsJudge.Judge(connection.Host, connection.Address, [connection], Opportunistic, Now, DaneMatched(usage: 3));

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.DoesNotContain(item.Findings, f => f.Status == ScoreStatus.Warn);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("matches the host's DANE TLSA record 3 1 1", StringComparison.Ordinal)
            && f.Text.Contains("RFC 8461 §4.2", StringComparison.Ordinal));
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("DANE-EE ignores names (RFC 7672 §3.1.1)", StringComparison.Ordinal));
        Assert.Equal("TLS 1.3 with mx1.example.com: certificate authenticated by DANE, valid until 2026-06-01", item.Title);
    }

    [Fact]
    public void Judge_DaneTaMatchedButNameWrong_NameStillWarns()
    {
        // A DANE-TA match implies the name was checked, but the judge must not excuse a name for usage 2 on its own.
        var connection = Connection(tls: Handshake(chainValid: false, hostNameMatches: false, names: ["other.example.net"]));

        var item = TlsJudge.Judge(connection.Host, connection.Address, [connection], Opportunistic, Now, DaneMatched(usage: 2));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Warn && f.Text.Contains("does not name mx1.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_ExpiredButDaneEeMatches_StillFailsAndSaysDaneSendersDeliver()
    {
        var connection = Connection(tls: Handshake(notAfter: Now.AddDays(-1)));

        var item = TlsJudge.Judge(connection.Host, connection.Address, [connection], Opportunistic, Now, DaneMatched(usage: 3));

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("DANE-EE ignores dates", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_DaneDidNotMatch_SelfSignedStaysAWarning()
    {
        var connection = Connection(tls: Handshake(chainValid: false, issuer: "CN=mx1.example.com"));

        var item = TlsJudge.Judge(connection.Host, connection.Address, [connection], Opportunistic, Now,
            new DaneAuthentication { Authenticated = false, Summary = "no TLSA record matches" });

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("TLS with mx1.example.com: self-signed certificate", item.Title);
    }

    private static DaneAuthentication DaneMatched(int usage) => new()
    {
        Authenticated = true,
        Matched = new TlsaData(usage, 1, 1, new string('a', 64)),
        Summary = "matched",
    };

    private static ScorecardItem Judge(SessionConnection connection) =>
        TlsJudge.Judge(connection.Host, connection.Address, [connection], Opportunistic, Now);
}
