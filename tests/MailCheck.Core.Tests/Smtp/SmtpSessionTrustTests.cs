using MailCheck.Core.Checks;
using MailCheck.Core.Tests.Checks;
using MailCheck.Core.Tls;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Tls;

namespace MailCheck.Core.Tests.Smtp;

/// <summary>The SMTP conversation's certificate verdict with MailCheck:Tls:ExtraTrustedCaFile (a private CA).</summary>
public sealed class SmtpSessionTrustTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = new("Lab Root CA");
    private readonly string _pem;

    public SmtpSessionTrustTests()
    {
        _pem = _ca.WriteRootPem();
    }

    public void Dispose()
    {
        _ca.Dispose();
        File.Delete(_pem);
    }

    [Fact]
    public async Task RunAsync_PrivateCaCertificateAndExtraFile_ChainValidThroughTheExtraCa()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out _);
        using var trust = CertificateTrust.FromFile(_pem);
        h.Trust = trust;

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var tlsEvent = Assert.Single(events, e => e.Kind == EventKind.Tls);
        var tls = Assert.IsType<TlsDetail>(tlsEvent.Detail);
        Assert.True(tls.ChainValid, string.Join("; ", tls.ChainErrors));
        Assert.True(tls.TrustedByExtraCa);
        Assert.True(tls.HostNameMatches);
        Assert.Contains("chain valid through the extra CA file only (MailCheck:Tls:ExtraTrustedCaFile)", tlsEvent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrivateCaCertificateWithoutExtraFile_ChainNotValid()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var tls = Assert.IsType<TlsDetail>(Assert.Single(events, e => e.Kind == EventKind.Tls).Detail);
        Assert.False(tls.ChainValid);
        Assert.False(tls.TrustedByExtraCa);
    }

    [Fact]
    public async Task RunAsync_TlsRequiredAndPrivateCaTrusted_Delivers()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out var server);
        using var trust = CertificateTrust.FromFile(_pem);
        h.Trust = trust;

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains(server.Connections[0].Received, l => l.StartsWith("MAIL FROM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TlsRequiredPrivateCaTrustedButWrongName_TlsFailed()
    {
        using var cert = _ca.Issue("other.example.net");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out _);
        using var trust = CertificateTrust.FromFile(_pem);
        h.Trust = trust;

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Contains("does not name mx1.example.com", result.Summary, StringComparison.Ordinal);
    }
}
