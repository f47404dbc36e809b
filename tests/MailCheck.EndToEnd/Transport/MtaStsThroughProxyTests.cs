using MailCheck.EndToEnd.Rig;
using static MailCheck.EndToEnd.Transport.MtaStsRig;

namespace MailCheck.EndToEnd.Transport;

/// <summary>
/// MTA-STS (RFC 8461) judged by the published app on the rig, through nginx and the API: policies served by a second
/// nginx on 127.0.0.51:443 with certificates from the rig's private CA (the app's MailCheck:Tls:ExtraTrustedCaFile),
/// the MX either postfix's CA-signed listener mx.sts.test (127.0.0.50) or its self-signed one (127.0.0.25).
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class MtaStsThroughProxyTests(RigFixture rig)
{
    [Fact]
    public async Task Probe_EnforceMxListedCertificateFromThePrivateCa_PassAndTheTlsDetailSaysExtraCa()
    {
        var check = await ProbeAsync(rig, "enforce.sts.test");

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "pass", Findings(sts));
        Assert.Equal("MTA-STS enforce: mx.sts.test passes the policy", Title(sts));
        Assert.Contains("trusted only through MailCheck:Tls:ExtraTrustedCaFile", Findings(sts), StringComparison.Ordinal);
        Assert.Contains("fetched from https://mta-sts.enforce.sts.test/.well-known/mta-sts.txt (127.0.0.51)", Findings(sts), StringComparison.Ordinal);
        var tls = Item(check, "tls");
        Assert.Equal("mx.sts.test [127.0.0.50]", (string?)tls["target"]);
        Assert.True(Status(tls) == "pass", Findings(tls));
        var events = check["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var tlsDetail = events.Single(e => (string?)e["kind"] == "tls" && e["detail"] is not null)["detail"]!;
        Assert.True((bool?)tlsDetail["chainValid"] == true && (bool?)tlsDetail["trustedByExtraCa"] == true, tlsDetail.ToJsonString());
        var stsEvents = events.Where(e => (string?)e["kind"] == "mtaSts").ToList();
        Assert.Equal(2, stsEvents.Count);
        Assert.True((int)stsEvents[0]["seq"]! < events.Where(e => (string?)e["kind"] == "connect").Min(e => (int)e["seq"]!), "the policy is fetched before connecting");
        Assert.Equal("mx.sts.test", (string?)stsEvents[1]["detail"]!["mxHost"]);
    }

    [Theory]
    [InlineData("wildcard.sts.test", "mx.wild.sts.test", "pass")]
    [InlineData("wilddeep.sts.test", "a.b.wild.sts.test", "fail")]
    [InlineData("wildapex.sts.test", "wild.sts.test", "fail")]
    public async Task Probe_WildcardPattern_MatchesExactlyOneLeftMostLabel(string domain, string mx, string expected)
    {
        var check = await ProbeAsync(rig, domain);

        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == expected, $"{Title(sts)}\n{Findings(sts)}");
        if (expected == "fail")
        {
            Assert.Contains($"would not deliver to {mx}: it matches none of the policy's mx patterns (*.wild.sts.test)", Findings(sts), StringComparison.Ordinal);
        }

        Assert.True(Status(Item(check, "tls")) == "pass", Findings(Item(check, "tls")));
    }

    [Fact]
    public async Task Probe_EnforceMxOutsideThePatterns_Fail()
    {
        var check = await ProbeAsync(rig, "outside.sts.test");

        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "fail", Findings(sts));
        Assert.Equal("MTA-STS enforce: senders would not deliver to mx.sts.test (not listed)", Title(sts));
    }

    [Fact]
    public async Task Probe_EnforceSelfSignedMx_FailWithTheSentenceAPostmasterReads()
    {
        var check = await ProbeAsync(rig, "selfsigned.sts.test");

        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "fail", Findings(sts));
        Assert.Contains("A sender enforcing your MTA-STS policy would not deliver to mx.mailcheck.test: its certificate is self-signed (RFC 8461 §4.2, §5).", Findings(sts), StringComparison.Ordinal);
        var tls = Item(check, "tls");
        Assert.Equal("warn", Status(tls));
        Assert.Equal("TLS with mx.mailcheck.test: self-signed certificate", Title(tls));
    }

    [Fact]
    public async Task Probe_TestingSelfSignedMx_Warn()
    {
        var check = await ProbeAsync(rig, "testing.sts.test");

        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "warn", Findings(sts));
        Assert.StartsWith("MTA-STS testing: mx.mailcheck.test would fail the policy (self-signed certificate)", Title(sts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_EnforceCertificateNotNamingTheMx_FailAndTlsNameMismatch()
    {
        var check = await ProbeAsync(rig, "mismatch.sts.test");

        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "fail", Findings(sts));
        Assert.Contains("its certificate does not name mx-alias.sts.test", Findings(sts), StringComparison.Ordinal);
        var tls = Item(check, "tls");
        Assert.Equal("warn", Status(tls));
        Assert.Contains("name mismatch", Title(tls), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redirect.sts.test", "HTTP 3xx redirects MUST NOT be followed (RFC 8461 §3.3)")]
    [InlineData("wrongtype.sts.test", "Content-Type text/html, not text/plain")]
    [InlineData("badcert.sts.test", "it does not name mta-sts.badcert.sts.test")]
    [InlineData("nopolicy.sts.test", "mta-sts.nopolicy.sts.test answered 404 Not Found")]
    public async Task Probe_TxtRecordButNoUsablePolicy_FailSendersSilentlyGetNone(string domain, string expected)
    {
        var check = await ProbeAsync(rig, domain);

        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "fail", Findings(sts));
        Assert.Equal("MTA-STS: TXT record present but the policy cannot be fetched", Title(sts));
        Assert.Contains(expected, Findings(sts), StringComparison.Ordinal);
        Assert.Contains("as if the domain had no MTA-STS policy", Findings(sts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_PolicyWithoutTxtRecord_Warn()
    {
        var check = await ProbeAsync(rig, "notxt.sts.test");

        var sts = Item(check, "mtaSts");
        Assert.True(Status(sts) == "warn", Findings(sts));
        Assert.Equal("MTA-STS: policy published without its TXT record", Title(sts));
    }

    [Fact]
    public async Task Probe_DomainWithoutMtaSts_InfoAndTheTranscriptTextShowsIt()
    {
        var check = await ProbeAsync(rig, "postfix.test");

        var sts = Item(check, "mtaSts");
        Assert.Equal("info", Status(sts));
        Assert.Equal("MTA-STS: not published", Title(sts));
        using var client = rig.CreateHttpClient();
        var text = await client.GetStringAsync(new Uri($"api/checks/{(string)check["id"]!}/transcript.txt", UriKind.Relative));
        Assert.Contains("MTA-STS: not published", text, StringComparison.Ordinal);
        Assert.Contains("TLS with mx.mailcheck.test: self-signed certificate", text, StringComparison.Ordinal);
    }
}
