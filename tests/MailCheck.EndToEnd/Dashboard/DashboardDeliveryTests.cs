using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Dashboard;

/// <summary>A person fills the form in Chromium, through nginx, against the rig's DNS and postfix.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class DashboardDeliveryTests(RigFixture rig)
{
    [Fact]
    public async Task SubmitForm_TestDomain_FallsBackFromDeadMxToPostfixOverStartTlsAndDelivers()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("mailcheck.test", recipients: "browser-send@mailcheck.test", subject: "MailCheck end-to-end browser send");
        var outcome = await result.WaitOutcomeAsync();

        var transcript = await result.TranscriptTextAsync();
        Assert.True(outcome == "accepted", $"outcome {outcome}\n{transcript}\n{session.Describe()}");
        var lines = (await result.ReadLinesAsync()).ToList();
        // The dead first MX (127.0.0.24) is tried and fails before postfix (127.0.0.25) greets.
        var dead = lines.FindIndex(l => l.Text.Contains("127.0.0.24", StringComparison.Ordinal));
        var banner = lines.FindIndex(l => l.Mark == "<-" && l.Text.StartsWith("220 mx.mailcheck.test ESMTP MailCheck test rig", StringComparison.Ordinal));
        Assert.True(dead >= 0, $"no attempt on the dead MX 127.0.0.24:\n{transcript}");
        Assert.True(banner > dead, $"postfix's banner should follow the failed attempt on the dead MX:\n{transcript}");
        // STARTTLS in the clear, postfix's go-ahead, then the envelope under TLS (swaks's ~> and <~ marks).
        var startTls = lines.FindIndex(l => l.Mark == "->" && l.Text == "STARTTLS");
        Assert.True(startTls > banner, $"no STARTTLS sent:\n{transcript}");
        Assert.Equal("<-", lines[startTls + 1].Mark);
        Assert.StartsWith("220 2.0.0 Ready to start TLS", lines[startTls + 1].Text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Mark == "~>" && l.Text.StartsWith("MAIL FROM:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, l => l.Mark == "<~" && l.Text.StartsWith("250 2.0.0 Ok: queued as", StringComparison.Ordinal));
        // The TLS summary: the handshake, its protocol, and the certificate made at setup.
        var tls = await result.TlsSummary.InnerTextAsync();
        Assert.Contains("succeeded", tls, StringComparison.Ordinal);
        Assert.Contains("TLS 1.", tls, StringComparison.Ordinal);
        Assert.Contains("mx.mailcheck.test", tls, StringComparison.Ordinal);
        // And the message really arrived in postfix's Maildir, carrying the check's id.
        var message = await rig.Maildir.WaitForMessageAsync(result.CheckId, TimeSpan.FromSeconds(30));
        Assert.Equal([result.CheckId], Maildir.HeaderValues(message, "X-MailCheck-Check"));
        Assert.Contains(Maildir.HeaderValues(message, "Subject"), v => v.Contains("MailCheck end-to-end browser send", StringComparison.Ordinal));
        Assert.Contains(Maildir.HeaderValues(message, "Delivered-To"), v => v == "browser-send@mailcheck.test");
    }

    [Fact]
    public async Task SubmitForm_UnknownRecipient_RejectedWith511Explanation()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("unknown@mailcheck.test");
        var outcome = await result.WaitOutcomeAsync();

        var transcript = await result.TranscriptTextAsync();
        Assert.True(outcome == "rejected", $"outcome {outcome}\n{transcript}");
        var reply = (await result.ReadLinesAsync()).Single(l => l.Text.StartsWith("550 5.1.1 <unknown@mailcheck.test>", StringComparison.Ordinal));
        // The explanation is one click away on the reply line; it is the one the API gives, and it explains 5.1.1.
        var shown = await result.RevealExplanationAsync(reply.Seq);
        using var client = rig.CreateHttpClient();
        var check = await new CheckApi(client).GetAsync(result.CheckId);
        var rcpt = CheckApi.Events(check).Single(e => e.Seq == reply.Seq);
        Assert.Equal(550, rcpt.Code);
        Assert.Equal("5.1.1", rcpt.EnhancedCode);
        Assert.False(string.IsNullOrWhiteSpace(rcpt.Explanation), "the 550 5.1.1 reply has no explanation");
        Assert.Contains("5.1.1", shown, StringComparison.Ordinal);
        Assert.Contains(rcpt.Explanation!, shown, StringComparison.Ordinal);
        Assert.True(
            rcpt.Explanation!.Contains("mailbox", StringComparison.OrdinalIgnoreCase) || rcpt.Explanation.Contains("address", StringComparison.OrdinalIgnoreCase),
            $"the explanation should say what 5.1.1 means (bad destination mailbox address), not only the class: \"{rcpt.Explanation}\"");
        Assert.Empty(rig.Maildir.FindByCheckId(result.CheckId));
    }

    [Fact]
    public async Task SubmitForm_GreylistedRecipient_Deferred()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("greylist@mailcheck.test");
        var outcome = await result.WaitOutcomeAsync();

        var transcript = await result.TranscriptTextAsync();
        Assert.True(outcome == "deferred", $"outcome {outcome}\n{transcript}");
        Assert.Contains(await result.ReadLinesAsync(), l => l.Mark is "<-" or "<~" && l.Text.StartsWith("450 4.2.0", StringComparison.Ordinal));
        Assert.Empty(rig.Maildir.FindByCheckId(result.CheckId));
    }

    [Fact]
    public async Task SubmitForm_ProbeMode_RecipientAcceptedButNothingSent()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("mailcheck.test", recipients: "probe@mailcheck.test", mode: Selectors.ModeProbe);
        var outcome = await result.WaitOutcomeAsync();

        var transcript = await result.TranscriptTextAsync();
        Assert.True(outcome == "accepted", $"outcome {outcome}\n{transcript}");
        var lines = await result.ReadLinesAsync();
        Assert.Contains(lines, l => l.Mark is "->" or "~>" && l.Text.Equals("RCPT TO:<probe@mailcheck.test>", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Mark is "->" or "~>" && l.Text.Equals("DATA", StringComparison.OrdinalIgnoreCase));
        using var client = rig.CreateHttpClient();
        var check = await new CheckApi(client).GetAsync(result.CheckId);
        Assert.DoesNotContain(CheckApi.Events(check), e => e.Kind is "data" or "message");
        Assert.Empty(rig.Maildir.FindByCheckId(result.CheckId));
    }

    [Fact]
    public async Task OpenResult_UnknownId_ShowsNotFoundWith404()
    {
        await using var session = await rig.NewSessionAsync();

        var response = await session.Page.GotoAsync("checks/AAAAAAAAAAAAAAAAAAAAAA");

        Assert.NotNull(response);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(session.Page.Locator(Selectors.NotFoundHeading)).ToBeVisibleAsync();
    }
}
