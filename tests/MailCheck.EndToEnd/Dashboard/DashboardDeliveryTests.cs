using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;

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

        Assert.True(outcome == "accepted", $"outcome {outcome}\n{await result.TextAsync()}\n{session.Describe()}");
        var lines = await result.LineTextsAsync();
        var transcript = string.Join("\n", lines);
        // The dead first MX (127.0.0.24) is tried and fails before postfix (127.0.0.25) answers.
        var dead = lines.ToList().FindIndex(l => l.Contains("127.0.0.24", StringComparison.Ordinal));
        var banner = lines.ToList().FindIndex(l => l.Contains("220 mx.mailcheck.test ESMTP MailCheck test rig", StringComparison.Ordinal));
        Assert.True(dead >= 0, $"no attempt on the dead MX 127.0.0.24:\n{transcript}");
        Assert.True(banner > dead, $"postfix's banner should follow the failed attempt:\n{transcript}");
        // STARTTLS: the command, postfix's go-ahead, then lines under TLS (swaks's ~> marks).
        Assert.Contains(lines, l => l.Contains("STARTTLS", StringComparison.Ordinal) && l.Contains("->", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("220 2.0.0 Ready to start TLS", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("~>", StringComparison.Ordinal) && l.Contains("MAIL FROM", StringComparison.OrdinalIgnoreCase));
        // The TLS details: protocol and the certificate made at setup.
        var page = await result.TextAsync();
        Assert.Contains("TLS 1.", page, StringComparison.Ordinal);
        Assert.Contains("mx.mailcheck.test", page, StringComparison.Ordinal);
        // And the message really arrived, carrying the check's id.
        var message = await rig.Maildir.WaitForMessageAsync(result.CheckId, TimeSpan.FromSeconds(30));
        Assert.Contains(Maildir.HeaderValues(message, "X-MailCheck-Check"), v => v.Contains(result.CheckId, StringComparison.Ordinal));
        Assert.Contains(Maildir.HeaderValues(message, "Subject"), v => v.Contains("MailCheck end-to-end browser send", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitForm_UnknownRecipient_RejectedWith511Explanation()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("unknown@mailcheck.test");
        var outcome = await result.WaitOutcomeAsync();

        Assert.True(outcome == "rejected", $"outcome {outcome}\n{await result.TextAsync()}");
        var lines = await result.LineTextsAsync();
        Assert.Contains(lines, l => l.Contains("550 5.1.1", StringComparison.Ordinal) && l.Contains("unknown@mailcheck.test", StringComparison.Ordinal));
        // The explanation of 5.1.1 (RFC 3463: bad destination mailbox address), as the API and the page show it.
        using var client = rig.CreateHttpClient();
        var check = await new CheckApi(client).GetAsync(result.CheckId);
        var rcpt = CheckApi.Events(check).Single(e => e.Code == 550);
        Assert.Equal("5.1.1", rcpt.EnhancedCode);
        Assert.NotNull(rcpt.Explanation);
        Assert.Contains("mailbox", rcpt.Explanation!, StringComparison.OrdinalIgnoreCase);
        await result.RevealExplanationAsync(rcpt.Seq);
        Assert.Contains(rcpt.Explanation!, await result.TextAsync(), StringComparison.Ordinal);
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

        Assert.True(outcome == "deferred", $"outcome {outcome}\n{await result.TextAsync()}");
        Assert.Contains(await result.LineTextsAsync(), l => l.Contains("450 4.2.0", StringComparison.Ordinal));
        Assert.Empty(rig.Maildir.FindByCheckId(result.CheckId));
    }

    [Fact]
    public async Task SubmitForm_ProbeMode_AcceptedButNothingDelivered()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("mailcheck.test", recipients: "probe@mailcheck.test", mode: Selectors.ModeProbe);
        var outcome = await result.WaitOutcomeAsync();

        Assert.True(outcome == "accepted", $"outcome {outcome}\n{await result.TextAsync()}");
        var lines = await result.LineTextsAsync();
        Assert.Contains(lines, l => l.Contains("RCPT TO:<probe@mailcheck.test>", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("-> DATA", StringComparison.Ordinal) || l.Contains("~> DATA", StringComparison.Ordinal));
        // Nothing queued, nothing delivered: postfix only ever saw the envelope.
        using var client = rig.CreateHttpClient();
        var check = await new CheckApi(client).GetAsync(result.CheckId);
        Assert.DoesNotContain(CheckApi.Events(check), e => e.Kind is "data" or "message");
        Assert.Empty(rig.Maildir.FindByCheckId(result.CheckId));
    }
}
