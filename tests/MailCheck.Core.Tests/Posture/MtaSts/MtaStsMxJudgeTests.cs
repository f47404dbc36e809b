using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.MtaSts;
using MailCheck.Core.Scorecard;
using static MailCheck.Core.Tests.Posture.SessionFactsBuilder;

namespace MailCheck.Core.Tests.Posture.MtaSts;

/// <summary>The MX the check used, judged against an applied policy with what the session showed (RFC 8461 §4, §5).</summary>
public class MtaStsMxJudgeTests
{
    private static readonly string[] Patterns = ["mx1.example.com", "*.backup.example.com"];
    private static readonly CheckRequest Request = new() { Domain = "example.com", Port = 25, Tls = TlsPolicy.Opportunistic };

    [Fact]
    public void Judge_EnforceListedAndCertificateValid_Pass()
    {
        var (title, findings, matched) = Judge(MtaStsMode.Enforce, Connection(tls: Handshake()));

        Assert.Equal(ScoreStatus.Pass, findings.Max(f => f.Status));
        Assert.Equal("mx1.example.com", matched);
        Assert.Equal("MTA-STS enforce: mx1.example.com passes the policy", title);
        Assert.Contains(findings, f => f.Text.Contains("chains to a trusted root and names mx1.example.com (RFC 8461 §4.2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_CertificateFromThePrivateCa_PassSayingSo()
    {
        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: Handshake(byExtraCa: true)));

        Assert.Equal(ScoreStatus.Pass, findings.Max(f => f.Status));
        Assert.Contains(findings, f => f.Text.Contains("trusted only through MailCheck:Tls:ExtraTrustedCaFile", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_EnforceSelfSigned_FailInPlainWords()
    {
        var (title, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: Handshake(chainValid: false, issuer: "CN=mx1.example.com")));

        var fail = Assert.Single(findings, f => f.Status == ScoreStatus.Fail);
        Assert.Equal("A sender enforcing your MTA-STS policy would not deliver to mx1.example.com: its certificate is self-signed (RFC 8461 §4.2, §5).", fail.Text);
        Assert.Equal("MTA-STS enforce: senders would not deliver to mx1.example.com (self-signed certificate)", title);
        Assert.NotNull(fail.Fix);
    }

    [Fact]
    public void Judge_TestingSelfSigned_WarnReportedButDelivered()
    {
        var (title, findings, _) = Judge(MtaStsMode.Testing, Connection(tls: Handshake(chainValid: false, issuer: "CN=mx1.example.com")));

        Assert.Equal(ScoreStatus.Warn, findings.Max(f => f.Status));
        Assert.Contains(findings, f => f.Text.StartsWith("A sender applying your MTA-STS policy (testing) would report a failure for mx1.example.com, then deliver anyway: its certificate is self-signed", StringComparison.Ordinal));
        Assert.StartsWith("MTA-STS testing: mx1.example.com would fail the policy", title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.backup.example.com", true)]
    [InlineData("backup.example.com", false)]
    [InlineData("a.b.backup.example.com", false)]
    [InlineData("mx1.example.com.evil.net", false)]
    [InlineData("MX1.EXAMPLE.COM", true)]
    public void Judge_TheMxNameAgainstThePatterns(string host, bool listed)
    {
        var (_, findings, matched) = Judge(MtaStsMode.Enforce, Connection(host: host, tls: Handshake(names: [host])), host);

        Assert.Equal(listed, matched is not null);
        Assert.Equal(listed ? ScoreStatus.Pass : ScoreStatus.Fail, findings.Max(f => f.Status));
        if (!listed)
        {
            Assert.Contains(findings, f => f.Text.Contains($"would not deliver to {host}: it matches none of the policy's mx patterns", StringComparison.Ordinal) && f.Text.Contains("§4.1", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Judge_NoStartTls_Fail()
    {
        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(startTls: false));

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.EndsWith("it does not offer STARTTLS (RFC 8461 §4.2, §5).", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_StartTlsRefused_Fail()
    {
        var refused = Reply(EventKind.StartTls, 454, "454 4.7.0 TLS not available due to local problem");

        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(startTlsReply: refused));

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("it refused STARTTLS (\"454 4.7.0 TLS not available", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_HandshakeFailedThenPlainRetry_FailOnTheHandshake()
    {
        var failed = new TlsDetail { Succeeded = false, Error = "Authentication failed" };

        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: failed), extra: Connection());

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("the TLS handshake failed (Authentication failed)", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_Expired_Fail()
    {
        var tls = Handshake(chainValid: false, notAfter: Now.AddDays(-3), errors: ["NotTimeValid: certificate has expired"]);

        var (title, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: tls));

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("its certificate expired on 2025-05-29", StringComparison.Ordinal));
        Assert.Contains("expired certificate", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UntrustedIssuer_Fail()
    {
        var tls = Handshake(chainValid: false, issuer: "CN=Corp Internal CA", errors: ["PartialChain: unable to get local issuer certificate"]);

        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: tls));

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("does not chain to a trusted root (issued by CN=Corp Internal CA)", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_CertificateForAnotherName_Fail()
    {
        var tls = Handshake(hostNameMatches: false, subject: "CN=mail.other.net", names: ["mail.other.net"]);

        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: tls));

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("its certificate does not name mx1.example.com (it is for mail.other.net)", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_NameOnlyInTheCommonName_Fail()
    {
        var tls = Handshake(hostNameMatches: true, names: []);

        var (_, findings, _) = Judge(MtaStsMode.Enforce, Connection(tls: tls));

        Assert.Contains(findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("only in the Common Name", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_OtherMxHosts_WarnForEachOutsideThePatterns()
    {
        MxHost[] hosts = [Mx("mx1.example.com", 10), Mx("mx2.example.com", 20), Mx("a.backup.example.com", 30), Mx("mx.provider.net", 40)];

        var (_, findings, _) = MtaStsMxJudge.Judge(MtaStsMode.Enforce, Patterns, Request, "mx1.example.com", [Connection(tls: Handshake())], hosts, Now);

        var warns = findings.Where(f => f.Status == ScoreStatus.Warn).ToList();
        Assert.Equal(2, warns.Count);
        Assert.Contains(warns, w => w.Text.StartsWith("The MX host mx2.example.com matches none", StringComparison.Ordinal));
        Assert.Contains(warns, w => w.Text.StartsWith("The MX host mx.provider.net matches none", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("a.backup.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_NothingConnected_NotTested()
    {
        var (title, findings, _) = MtaStsMxJudge.Judge(MtaStsMode.Enforce, Patterns, Request, null, [], [Mx("mx1.example.com", 10)], Now);

        Assert.Equal(ScoreStatus.NotTested, findings.Max(f => f.Status));
        Assert.Equal("MTA-STS enforce: no MX host to judge", title);
    }

    [Fact]
    public void Judge_TlsOff_TlsNotTestedNameStillJudged()
    {
        var (title, findings, _) = MtaStsMxJudge.Judge(MtaStsMode.Enforce, Patterns, Request with { Tls = TlsPolicy.None }, "mx1.example.com", [Connection()], [Mx("mx1.example.com", 10)], Now);

        Assert.Contains(findings, f => f.Status == ScoreStatus.NotTested && f.Text.Contains("tls: none", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Status == ScoreStatus.Pass && f.Text.Contains("matches the policy's mx pattern", StringComparison.Ordinal));
        Assert.Equal("MTA-STS enforce: mx1.example.com is listed; its TLS was not tested", title);
    }

    [Fact]
    public void Judge_Port587_TlsNotJudged()
    {
        var (_, findings, _) = MtaStsMxJudge.Judge(MtaStsMode.Enforce, Patterns, Request with { Port = 587 }, "mx1.example.com", [Connection(tls: Handshake(chainValid: false))], [Mx("mx1.example.com", 10)], Now);

        Assert.DoesNotContain(findings, f => f.Status == ScoreStatus.Fail);
        Assert.Contains(findings, f => f.Status == ScoreStatus.NotTested && f.Text.Contains("port 587", StringComparison.Ordinal));
    }

    private static (string Title, List<Core.Scorecard.ScoreFinding> Findings, string? Matched) Judge(MtaStsMode mode, SessionConnection used, string host = "mx1.example.com", SessionConnection? extra = null) =>
        MtaStsMxJudge.Judge(mode, Patterns, Request, host, extra is null ? [used] : [used, extra], [Mx(host, 10)], Now);

    private static MxHost Mx(string host, int preference) => new(host, preference, [new ResolvedAddress("192.0.2.1", 300)]);
}
