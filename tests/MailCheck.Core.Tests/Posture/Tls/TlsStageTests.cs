using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Tls;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;

namespace MailCheck.Core.Tests.Posture.Tls;

/// <summary>The tls items inside a real engine run: one per MX address connected, none for those never reached.</summary>
public class TlsStageTests
{
    [Fact]
    public async Task Run_DeadFirstMxThenASelfSignedOne_OneItemForTheAddressConnected()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx2.example.com");
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        h.Connector.Refuse(System.Net.IPAddress.Parse("127.0.0.2"));
        h.Serve("127.0.0.3", new SmtpDialogue { Certificate = cert });
        h.ExtraStages.Add(new TlsStage());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var e = Assert.Single(events, x => x.Kind == EventKind.TlsVerdict);
        var detail = Assert.IsType<TlsVerdictDetail>(e.Detail);
        Assert.Equal(["mx2.example.com [127.0.0.3]"], detail.Targets);
        var item = Assert.Single(detail.Items);
        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Equal("TLS with mx2.example.com: self-signed certificate", item.Title);
        Assert.Equal(item.Title, e.Text);
    }

    [Fact]
    public async Task Run_NoStartTlsOffered_Warn()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.ExtraStages.Add(new TlsStage());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var item = Assert.Single(Assert.IsType<TlsVerdictDetail>(Assert.Single(events, x => x.Kind == EventKind.TlsVerdict).Detail).Items);
        Assert.Equal("mx1.example.com does not offer STARTTLS", item.Title);
        Assert.Equal(ScoreStatus.Warn, item.Status);
    }

    [Fact]
    public async Task Run_StartTlsRefused_Fail()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        var dialogue = new SmtpDialogue { Certificate = cert, OnCommand = l => l == "STARTTLS" ? "454 4.7.0 TLS not available due to local problem" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);
        h.ExtraStages.Add(new TlsStage());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var item = Assert.Single(Assert.IsType<TlsVerdictDetail>(Assert.Single(events, x => x.Kind == EventKind.TlsVerdict).Detail).Items);
        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal("mx1.example.com refuses STARTTLS", item.Title);
    }
}
