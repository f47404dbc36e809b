using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Transport;

/// <summary>The scorecard rows of MTA-STS and TLS on the result page in Chromium, light and dark, desktop and phone.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class MtaStsPageTests(RigFixture rig)
{
    [Fact]
    public async Task ResultPage_EnforceWithASelfSignedMx_ShowsTheFailingMtaStsRowAndTheTlsRow()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("selfsigned.sts.test", recipients: "postmaster@selfsigned.sts.test", mode: Selectors.ModeProbe);
        Assert.Equal("accepted", await result.WaitOutcomeAsync());

        var sts = session.Page.Locator(Selectors.ScoreItem("mtaSts"));
        await Assertions.Expect(sts).ToHaveAttributeAsync("data-score-status", "fail");
        await Assertions.Expect(sts.Locator("details")).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(sts).ToContainTextAsync("A sender enforcing your MTA-STS policy would not deliver to mx.mailcheck.test: its certificate is self-signed");
        var tls = session.Page.Locator(Selectors.ScoreItem("tls"));
        await Assertions.Expect(tls).ToHaveAttributeAsync("data-score-status", "warn");
        await Assertions.Expect(tls).ToContainTextAsync("TLS with mx.mailcheck.test: self-signed certificate");
        await Screenshots.TakeAsync(session.Page, "mta-sts-fail-light");
    }

    [Fact]
    public async Task ResultPage_EnforcePassingThroughThePrivateCa_TlsPanelSaysTheTrustCameFromTheExtraCaFile()
    {
        await using var session = await rig.NewSessionAsync();
        await session.Context.AddCookiesAsync([new Cookie { Name = "mailcheck-theme", Value = "dark", Url = rig.Settings.BaseUrl.ToString() }]);
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("enforce.sts.test", recipients: "postmaster@enforce.sts.test", mode: Selectors.ModeProbe);
        Assert.Equal("accepted", await result.WaitOutcomeAsync());

        await Assertions.Expect(session.Page.Locator(Selectors.ScoreItem("mtaSts"))).ToHaveAttributeAsync("data-score-status", "pass");
        await Assertions.Expect(result.TlsSummary.Locator(Selectors.TlsExtraCa)).ToContainTextAsync("only through MailCheck's extra CA file");
        await Screenshots.TakeAsync(session.Page, "mta-sts-pass-dark");
        await session.Page.SetViewportSizeAsync(390, 844);
        var sts = session.Page.Locator(Selectors.ScoreItem("mtaSts"));
        await sts.Locator("summary").ClickAsync();
        await Assertions.Expect(sts).ToContainTextAsync("a certificate that chains to a trusted root and names mx.sts.test");
        await sts.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(session.Page, "mta-sts-pass-phone", fullPage: false);
    }
}
