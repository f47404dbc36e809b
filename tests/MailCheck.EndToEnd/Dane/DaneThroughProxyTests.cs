using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MailCheck.EndToEnd.Pages;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Dane;

/// <summary>
/// DNSSEC and DANE against the rig's signed zone dane.test (knotd) through its validating resolver (unbound), the app
/// behind nginx, postfix presenting its certificates — each verdict compared with dig, delv and openssl s_client.
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class DaneThroughProxyTests(RigFixture rig)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    private async Task<JsonObject> ProbeAsync(string domain, string tls = "opportunistic")
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { domain, to = new[] { $"postmaster@{domain}" }, mode = "probe", tls });
        return await api.WaitFinishedAsync(submitted.Id, CheckTimeout);
    }

    private static JsonObject Item(JsonObject check, string id, string? target = null) =>
        Assert.Single(check["scorecard"]!["items"]!.AsArray().Select(i => i!.AsObject()), i => (string?)i["id"] == id && (target is null || (string?)i["target"] == target));

    private static string Status(JsonObject item) => (string)item["status"]!;

    private static IEnumerable<JsonObject> Details(JsonObject check, string type) =>
        check["events"]!.AsArray().Select(e => e!["detail"]).OfType<JsonObject>().Where(d => (string?)d["type"] == type);

    [Fact]
    public async Task Good_SecureMatchingTlsa_PassAsOpenSslAndDelvSay()
    {
        var check = await ProbeAsync("good.dane.test");

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        var dane = Item(check, "dane", "mx.good.dane.test");
        Assert.True(Status(dane) == "pass", dane.ToJsonString());
        Assert.Contains(dane["findings"]!.AsArray(), f => ((string)f!["text"]!).Contains("RFC 7671 §8.1", StringComparison.Ordinal));
        Assert.Equal("pass", Status(Item(check, "dnssec")));
        Assert.Contains(Details(check, "dns"), d => (string?)d["name"] == "good.dane.test" && (string?)d["dnssec"] == "secure");

        // postfix's certificate is self-signed for mx.mailcheck.test: the tls item must not call that a problem for DANE
        // senders, since the DANE-EE record names its key (RFC 7672 §3.1.1).
        var tlsItem = Item(check, "tls", "mx.good.dane.test [127.0.0.25]");
        Assert.True(Status(tlsItem) == "pass", tlsItem.ToJsonString());
        Assert.Contains("certificate authenticated by DANE", (string)tlsItem["title"]!, StringComparison.Ordinal);

        // The presented certificate's key is the one the record names, computed here independently.
        var tls = Details(check, "tls").First(d => (bool)d["succeeded"]!);
        using var leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)tls["presentedChain"]![0]!));
        var tlsa = await Oracle.TlsaAsync("_25._tcp.mx.good.dane.test");
        Assert.Equal($"3 1 1 {Convert.ToHexString(SHA256.HashData(leaf.PublicKey.ExportSubjectPublicKeyInfo()))}", Assert.Single(tlsa));
        var (_, openssl) = await Oracle.OpenSslDaneAsync("127.0.0.25:25", "mx.good.dane.test", tlsa);
        Assert.Contains("Verification: OK", openssl, StringComparison.Ordinal);
        Assert.Contains("matched EE certificate at depth 0", openssl, StringComparison.Ordinal);
        var (_, delv) = await Oracle.DelvAsync(rig.Settings.RigDir, "TLSA", "_25._tcp.mx.good.dane.test");
        Assert.Contains("; fully validated", delv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_DaneAndMtaSts_DanePassesMtaStsFailsAndSaysDaneSendersUseDane()
    {
        // both.dane.test: MX mx.good.dane.test (a matching DANE-EE record, postfix's self-signed certificate) and an
        // enforce MTA-STS policy listing it, served by the rig's MTA-STS nginx through the private CA.
        var check = await ProbeAsync("both.dane.test");

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        Assert.Equal("pass", Status(Item(check, "dane", "mx.good.dane.test")));
        Assert.Equal("pass", Status(Item(check, "tls", "mx.good.dane.test [127.0.0.25]")));
        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "fail", sts.ToJsonString());
        var findings = sts["findings"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Contains(findings, f => (string?)f["status"] == "fail"
            && ((string)f["text"]!).Contains("A sender enforcing your MTA-STS policy would not deliver to mx.good.dane.test", StringComparison.Ordinal));
        Assert.Contains(findings, f => (string?)f["status"] == "info"
            && ((string)f["text"]!).Contains("senders that implement DANE as well as MTA-STS authenticate it by those records rather than by this policy (RFC 8461 §2, RFC 7672 §2.2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mismatch_OpportunisticDelivers_FailWithBothDigestsAsOpenSslSays()
    {
        var check = await ProbeAsync("mismatch.dane.test");

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        var dane = Item(check, "dane", "mx.mismatch.dane.test");
        Assert.True(Status(dane) == "fail", dane.ToJsonString());
        var tlsa = Assert.Single(await Oracle.TlsaAsync("_25._tcp.mx.mismatch.dane.test"));
        var text = (string)dane["findings"]![0]!["text"]!;
        Assert.Contains("Published " + tlsa, text, StringComparison.Ordinal);
        Assert.Contains("presented depth 0 (CN=mx.mailcheck.test): 3 1 1 ", text, StringComparison.Ordinal);
        Assert.Equal("warn", Status(Item(check, "tls", "mx.mismatch.dane.test [127.0.0.25]")));
        var (_, openssl) = await Oracle.OpenSslDaneAsync("127.0.0.25:25", "mx.mismatch.dane.test", [tlsa]);
        Assert.Contains("no matching DANE TLSA records", openssl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mismatch_TlsRequired_TlsFailed()
    {
        var check = await ProbeAsync("mismatch.dane.test", tls: "required");

        Assert.True((string?)check["outcome"] == "tlsFailed", check.ToJsonString());
        Assert.StartsWith("TLS failed: the certificate of mx.mismatch.dane.test does not match its DANE TLSA records", (string?)check["summary"], StringComparison.Ordinal);
        Assert.DoesNotContain(CheckApi.Events(check), e => e.Direction == "client" && e.Text.StartsWith("RCPT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Good_TlsRequiredSelfSignedButDaneMatch_Accepted()
    {
        var check = await ProbeAsync("good.dane.test", tls: "required");

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        Assert.Contains(CheckApi.Events(check), e => e.Kind == "dane" && e.Text.StartsWith("DANE: TLSA 3 1 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bogus_TamperedSignature_FailAsDigAndDelvSay()
    {
        var check = await ProbeAsync("bogus.dane.test");

        var dane = Item(check, "dane", "mx.bogus.dane.test");
        Assert.True(Status(dane) == "fail", dane.ToJsonString());
        Assert.Contains("extended DNS error 6 (DNSSEC Bogus)", (string)dane["detail"]!, StringComparison.Ordinal);
        Assert.Contains(Details(check, "dns"), d => (string?)d["name"] == "_25._tcp.mx.bogus.dane.test" && (string?)d["dnssec"] == "bogus" && (int?)d["extendedErrorCode"] == 6);
        var (_, dig) = await Oracle.DigAsync("TLSA", "_25._tcp.mx.bogus.dane.test");
        Assert.Contains("status: SERVFAIL", dig, StringComparison.Ordinal);
        Assert.Contains("EDE: 6 (DNSSEC Bogus)", dig, StringComparison.Ordinal);
        var (_, delv) = await Oracle.DelvAsync(rig.Settings.RigDir, "TLSA", "_25._tcp.mx.bogus.dane.test");
        Assert.DoesNotContain("fully validated", delv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_TlsaInTheUnsignedChild_WarnAsDelvSaysUnsigned()
    {
        var check = await ProbeAsync("insecure.dane.test");

        var dane = Item(check, "dane", "mx.unsigned.dane.test");
        Assert.True(Status(dane) == "warn", dane.ToJsonString());
        Assert.Contains("DANE senders ignore", (string)dane["detail"]!, StringComparison.Ordinal);
        var dnssec = Item(check, "dnssec");
        Assert.Equal("DNSSEC: the MX records of insecure.dane.test validate, the addresses of mx.unsigned.dane.test are not signed", (string)dnssec["title"]!);
        var (_, delv) = await Oracle.DelvAsync(rig.Settings.RigDir, "A", "mx.unsigned.dane.test");
        Assert.Contains("; unsigned answer", delv, StringComparison.Ordinal);
        Assert.NotEmpty(await Oracle.TlsaAsync("_25._tcp.mx.unsigned.dane.test"));
    }

    [Fact]
    public async Task Usage1Only_Warn()
    {
        var check = await ProbeAsync("usage1.dane.test");

        var dane = Item(check, "dane", "mx.usage1.dane.test");
        Assert.True(Status(dane) == "warn", dane.ToJsonString());
        Assert.Contains("PKIX-EE(1) is unusable for SMTP (RFC 7672 §3.1.3)", (string)dane["detail"]!, StringComparison.Ordinal);
        Assert.StartsWith("1 1 1 ", Assert.Single(await Oracle.TlsaAsync("_25._tcp.mx.usage1.dane.test")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaneTa_RootInThePresentedChain_PassAsOpenSslSays()
    {
        var check = await ProbeAsync("ta.dane.test");

        var dane = Item(check, "dane", "mx.ta.dane.test");
        Assert.True(Status(dane) == "pass", dane.ToJsonString());
        Assert.Contains("DANE-TA(2)", (string)dane["findings"]![0]!["text"]!, StringComparison.Ordinal);
        var tls = Details(check, "tls").First(d => (bool)d["succeeded"]!);
        Assert.Equal(3, tls["presentedChain"]!.AsArray().Count);
        var tlsa = await Oracle.TlsaAsync("_25._tcp.mx.ta.dane.test");
        var (_, openssl) = await Oracle.OpenSslDaneAsync(Environment.GetEnvironmentVariable("MAILCHECK_E2E_DANE_TA_SMTP") ?? "127.0.0.41:25", "mx.ta.dane.test", tlsa);
        Assert.Contains("Verification: OK", openssl, StringComparison.Ordinal);
        Assert.Contains("matched TA certificate at depth 2", openssl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedLabZone_DnssecInfoNoTlsa()
    {
        var check = await ProbeAsync("postfix.test");

        Assert.Equal("info", Status(Item(check, "dnssec")));
        Assert.Equal("DNSSEC: postfix.test is not signed", (string)Item(check, "dnssec")["title"]!);
        Assert.Equal("info", Status(Item(check, "dane")));
    }

    [Fact]
    public async Task Dashboard_GoodDomain_ScorecardRowsAndSecureDnsLines()
    {
        await using var session = await rig.NewSessionAsync();
        var home = new HomePage(session.Page);
        await home.OpenAsync();

        var result = await home.SubmitAsync("good.dane.test", "postmaster@good.dane.test", Selectors.ModeProbe);
        await result.WaitOutcomeAsync();

        await Microsoft.Playwright.Assertions.Expect(session.Page.Locator(Selectors.ScoreItem("dane", "pass"))).ToHaveCountAsync(1);
        await Microsoft.Playwright.Assertions.Expect(session.Page.Locator(Selectors.ScoreItem("dnssec", "pass"))).ToHaveCountAsync(1);
        var lines = await result.ReadLinesAsync();
        Assert.Contains(lines, l => l.Text.StartsWith("good.dane.test MX:", StringComparison.Ordinal) && l.Text.EndsWith("· DNSSEC secure", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("DANE: mx.good.dane.test has 1 TLSA record", StringComparison.Ordinal));
        await session.Page.ScreenshotAsync(new() { Path = Path.Combine(ResultsDirectory(), "dane-scorecard.png"), FullPage = true });
    }

    [Fact]
    public async Task Dashboard_MismatchResult_FailRowOpenWithDigestsLightDarkAndPhone()
    {
        var check = await ProbeAsync("mismatch.dane.test");
        var url = $"checks/{(string)check["id"]!}";

        foreach (var (theme, width, height) in new[] { ("light", 1280, 900), ("dark", 1280, 900), ("light", 390, 844) })
        {
            await using var session = await rig.NewSessionAsync();
            await session.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "mailcheck-theme", Value = theme, Url = rig.Settings.BaseUrl.ToString() }]);
            await session.Page.SetViewportSizeAsync(width, height);
            await ResultPage.OpenAsync(session.Page, url);

            var row = session.Page.Locator(Selectors.ScoreItem("dane", "fail"));
            await Microsoft.Playwright.Assertions.Expect(row).ToHaveCountAsync(1);
            await Microsoft.Playwright.Assertions.Expect(row.Locator("details")).ToHaveAttributeAsync("open", "");
            await Microsoft.Playwright.Assertions.Expect(row).ToContainTextAsync("Published 3 1 1");
            var name = width < 500 ? "dane-fail-phone.png" : $"dane-fail-{theme}.png";
            await session.Page.ScreenshotAsync(new() { Path = Path.Combine(ResultsDirectory(), name), FullPage = true });
            if (width < 500)
            {
                // The long digests wrap: nothing runs off the side of a phone.
                Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways on a phone");
                await row.ScreenshotAsync(new() { Path = Path.Combine(ResultsDirectory(), "dane-fail-phone-row.png") });
            }
        }
    }

    private static string ResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MailCheck.sln")))
            {
                var results = Path.Combine(dir.FullName, "artifacts", "test-results");
                Directory.CreateDirectory(results);
                return results;
            }
        }

        return Path.GetTempPath();
    }
}
