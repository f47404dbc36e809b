using System.Diagnostics;
using System.Text.Json.Nodes;
using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;
using Microsoft.Playwright;
using MimeKit;
using MimeKit.Cryptography;

namespace MailCheck.EndToEnd.Receive;

/// <summary>
/// Receive mode on the rig: the published app listens on 127.0.0.70:2525 for receive.rig.test; real mail arrives from
/// the rig's postfix (relaying through its transport map, with STARTTLS, from 127.0.0.25) and from swaks directly;
/// messages are DKIM-signed with the rig's key, whose public half dnsmasq serves; the page waits, then shows the judged
/// message in Chromium.
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class ReceiveThroughRigTests(RigFixture rig)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly string[] SignedHeaders = ["From", "To", "Subject", "Date", "Message-ID"];

    [Fact]
    public async Task Postfix_RelaysASignedMessage_ReceivedWithSpfDkimDmarcTlsAndReverseDnsPassing()
    {
        using var http = rig.CreateHttpClient();
        var api = new CheckApi(http);
        var (id, address) = await CreateAsync(http);

        var file = WriteMessage(address, sign: true);
        var swaks = await SwaksAsync("--server", "127.0.0.25", "--from", $"ann@{RigDkimKey.Domain}", "--to", address, "--data", $"@{file}", "--helo", "e2e.rig.test");
        var check = await api.WaitFinishedAsync(id, Patience);

        Assert.True(swaks.Code == 0, swaks.Output);
        Assert.Equal("received", (string?)check["outcome"]);
        var events = CheckApi.Events(check);
        var text = string.Join("\n", events.Select(e => e.Text));
        Assert.Contains(events, e => e.Kind == "connect" && e.Text.StartsWith("Connection from 127.0.0.25 port", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == "ehlo" && e.Direction == "client" && e.Text == "EHLO mx.mailcheck.test");
        Assert.Contains(events, e => e.Kind == "starttls" && e.Direction == "client");
        Assert.Equal("pass", Status(check, "spf", "MAIL FROM"));
        Assert.Equal("pass", Status(check, "dkim", $"d={RigDkimKey.Domain} s={RigDkimKey.Selector}"));
        Assert.Equal("pass", Status(check, "dmarc"));
        Assert.Equal("pass", Status(check, "tls"));
        Assert.Equal("pass", Status(check, "ptr", "127.0.0.25"));
        Assert.Contains("Received", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swaks_DirectInPlainTextFromAnUnlistedAddress_SpfFailsAndPlainTextIsFailed()
    {
        using var http = rig.CreateHttpClient();
        var api = new CheckApi(http);
        var (id, address) = await CreateAsync(http);

        var swaks = await SwaksAsync("--server", rig.Settings.ReceiveSmtp, "--local-interface", "127.0.0.72", "--from", $"ann@{RigDkimKey.Domain}", "--to", address, "--helo", "mx.sender.rig.test");
        var check = await api.WaitFinishedAsync(id, Patience);

        Assert.True(swaks.Code == 0, swaks.Output);
        Assert.Contains("<-  220 ", swaks.Output, StringComparison.Ordinal);
        Assert.Equal("received", (string?)check["outcome"]);
        Assert.Equal("fail", Status(check, "spf", "MAIL FROM"));
        Assert.Equal("warn", Status(check, "dkim"));
        Assert.Equal("fail", Status(check, "dmarc"));
        Assert.Equal("fail", Status(check, "tls"));
    }

    [Fact]
    public async Task Swaks_RevokedKeyAndAlteredBody_DkimSaysWhy()
    {
        using var http = rig.CreateHttpClient();
        var api = new CheckApi(http);
        var (revokedId, revokedAddress) = await CreateAsync(http);
        var (alteredId, alteredAddress) = await CreateAsync(http);

        await SwaksAsync("--server", rig.Settings.ReceiveSmtp, "--local-interface", "127.0.0.71", "--tls", "--from", $"ann@{RigDkimKey.Domain}", "--to", revokedAddress, "--data", $"@{WriteMessage(revokedAddress, sign: true, selector: "revoked")}");
        await SwaksAsync("--server", rig.Settings.ReceiveSmtp, "--local-interface", "127.0.0.71", "--tls", "--from", $"ann@{RigDkimKey.Domain}", "--to", alteredAddress, "--data", $"@{WriteMessage(alteredAddress, sign: true, alter: true)}");
        var revoked = await api.WaitFinishedAsync(revokedId, Patience);
        var altered = await api.WaitFinishedAsync(alteredId, Patience);

        Assert.Contains("revoked", Finding(revoked, "dkim"), StringComparison.Ordinal);
        Assert.Contains("body hash mismatch", Finding(altered, "dkim"), StringComparison.Ordinal);
        Assert.Equal("pass", Status(altered, "spf", "MAIL FROM"));
        Assert.Equal("pass", Status(altered, "tls"));
    }

    [Fact]
    public async Task Swaks_UnknownAddressAndRelay_550And554()
    {
        var unknown = await SwaksAsync("--server", rig.Settings.ReceiveSmtp, "--local-interface", "127.0.0.71", "--from", $"ann@{RigDkimKey.Domain}", "--to", "aaaaaaaaaaaaaaaaaaaaaaaaaa@receive.rig.test");
        var relay = await SwaksAsync("--server", rig.Settings.ReceiveSmtp, "--local-interface", "127.0.0.71", "--from", $"ann@{RigDkimKey.Domain}", "--to", "someone@mailcheck.test");

        Assert.NotEqual(0, unknown.Code);
        Assert.Contains("<** 550 5.1.1 ", unknown.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, relay.Code);
        Assert.Contains("<** 554 5.7.1 <someone@mailcheck.test>: Relay access denied", relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_FormGivesAnAddressThatWaitsThenShowsTheJudgedMessage()
    {
        await using var session = await rig.NewSessionAsync();
        var page = session.Page;
        var home = new HomePage(page);
        await home.OpenAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = Selectors.ModeReceive }).CheckAsync();
        await Assertions.Expect(page.Locator(Selectors.Target)).ToHaveCountAsync(0);
        await page.Locator(Selectors.Submit).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Selectors.ResultUrl(), new() { Timeout = 30_000 });
        var result = new ResultPage(page);
        await result.WaitInteractiveAsync();

        var address = (await page.Locator(Selectors.ReceiveAddress).InnerTextAsync()).Trim();
        Assert.Matches("^[a-z2-7]{26}@receive\\.rig\\.test$", address);
        await Assertions.Expect(page.Locator(Selectors.ReceiveState)).ToHaveAttributeAsync("data-state", "waiting");
        await Assertions.Expect(page.Locator(Selectors.CopyAddress)).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "receive-waiting");

        var swaks = await SwaksAsync("--server", "127.0.0.25", "--from", $"ann@{RigDkimKey.Domain}", "--to", address, "--data", $"@{WriteMessage(address, sign: true)}");
        Assert.True(swaks.Code == 0, swaks.Output);
        await Assertions.Expect(page.Locator(Selectors.ReceiveState)).ToHaveAttributeAsync("data-state", "judged", new() { Timeout = 90_000 });

        Assert.Equal("received", await result.WaitOutcomeAsync());
        var lines = await result.ReadLinesAsync();
        Assert.Contains(lines, l => l.Mark == "->" && l.Text == "EHLO mx.mailcheck.test");
        Assert.Contains(lines, l => l.Mark == "~>" && l.Text.StartsWith("RCPT TO:<" + address, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Mark == "<~" && l.Text.StartsWith("250 2.0.0 Ok: queued as", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#scorecard")).ToContainTextAsync("DMARC sender.rig.test: pass");
        await Assertions.Expect(page.Locator("pre.mc-body")).ToContainTextAsync("<b>not markup</b>");
        Assert.Equal(0, await page.Locator("pre.mc-body b").CountAsync());
        await ScreenshotsAsync(page, "receive-judged");
    }

    private static async Task<(string Id, string Address)> CreateAsync(HttpClient http)
    {
        using var response = await http.PostAsync("api/checks", new StringContent("{\"mode\":\"receive\"}", System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, text);
        var body = JsonNode.Parse(text)!;
        return ((string)body["id"]!, (string)body["receiveAddress"]!);
    }

    private static string? Status(JsonObject check, string id, string? target = null) =>
        (string?)check["scorecard"]!["items"]!.AsArray().First(i => (string?)i!["id"] == id && (target is null || (string?)i["target"] == target))!["status"];

    private static string Finding(JsonObject check, string id) =>
        (string?)check["scorecard"]!["items"]!.AsArray().First(i => (string?)i!["id"] == id)!["findings"]![0]!["text"] ?? "";

    /// <summary>A message from sender.rig.test, DKIM-signed with the rig's key (optionally changed after signing), written with CRLF.</summary>
    private static string WriteMessage(string to, bool sign, string selector = RigDkimKey.Selector, bool alter = false)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ann Example", $"ann@{RigDkimKey.Domain}"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "MailCheck receive mode, end to end";
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(RigDkimKey.Domain);
        message.Body = new TextPart("plain") { Text = "Hello from the rig.\r\nThis line has <b>not markup</b> in it.\r\n" };
        if (sign)
        {
            using var key = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(RigDkimKey.PrivateKeyPem));
            var signer = new DkimSigner(key, RigDkimKey.Domain, selector) { HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed, BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed };
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(message, SignedHeaders);
        }

        if (alter)
        {
            ((TextPart)message.Body).Text += "A footer a list server added.\r\n";
        }

        var path = Path.Combine(Path.GetTempPath(), $"mailcheck-e2e-{Guid.NewGuid():N}.eml");
        using var file = File.Create(path);
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, file);
        return path;
    }

    /// <summary>Runs swaks (bounded); its whole transcript and its exit code.</summary>
    private static async Task<(int Code, string Output)> SwaksAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("swaks") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments.Append("--timeout").Append("30"))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bounded.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>When MAILCHECK_E2E_SCREENSHOTS names a folder: the page in light and dark, on a desktop and on a phone (docs/screenshots).</summary>
    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("MAILCHECK_E2E_SCREENSHOTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var url = page.Url;
        foreach (var (theme, width, height, suffix) in new[] { ("light", 1280, 900, "light"), ("dark", 1280, 900, "dark"), ("light", 390, 844, "phone"), ("dark", 390, 844, "phone-dark") })
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "mailcheck-theme", Value = theme, Url = url }]);
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(url);
            await page.Locator(Selectors.ResultInteractive).WaitForAsync();

            // A full-page capture stretches the viewport to the page's height, and the transcript's vh-based height
            // stretches with it, leaving an empty band below the last card: open the viewport to the page's height
            // first, then cut the picture at the last card.
            var tall = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            await page.SetViewportSizeAsync(width, Math.Max(height, tall));
            var bottom = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.mc-card')].map(c => c.getBoundingClientRect().bottom + window.scrollY))");
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(folder, $"{name}-{suffix}.png"),
                FullPage = true,
                Clip = new() { X = 0, Y = 0, Width = width, Height = (float)Math.Ceiling(bottom + 24) },
            });
        }

        await page.Context.AddCookiesAsync([new Cookie { Name = "mailcheck-theme", Value = "light", Url = url }]);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(url);
        await page.Locator(Selectors.ResultInteractive).WaitForAsync();
    }
}
