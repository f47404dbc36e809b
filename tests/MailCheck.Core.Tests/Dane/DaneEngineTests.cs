using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Checks;
using MailCheck.Core.Dane;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dnssec;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;
using static MailCheck.Core.Tests.Dane.DanePki;

namespace MailCheck.Core.Tests.Dane;

/// <summary>DANE inside a real engine run: the lookup before connecting, the session, the verdict after it, and <c>tls: "required"</c>.</summary>
public sealed class DaneEngineTests : IDisposable
{
    private const string TlsaName = "_25._tcp.mx1.example.com";
    private readonly X509Certificate2 _cert = TestCertificates.CreateSelfSigned("mx1.example.com");

    /// <summary>example.com → mx1.example.com [127.0.0.2], the zone signed, a validating resolver on a trusted path.</summary>
    private static EngineHarness Harness(SmtpDialogue dialogue, bool signed = true)
    {
        var h = EngineHarness.WithOneServer(dialogue, out _);
        h.JudgeDnssec = true;
        if (signed)
        {
            h.Dns.Sign("example.com");
        }
        else
        {
            h.Dns.Sign("probe.test").AddAddress("probe.test", "192.0.2.1");
            h.DnsOptions.DnssecProbeName = "probe.test";
        }

        h.ExtraStages.AddRange([new DnssecStage(), new DaneLookupStage(), new DaneStage()]);
        return h;
    }

    private static ScorecardItem Item(List<CheckEvent> events, string id) =>
        Assert.Single(Assert.IsType<ScorecardDetail>(Assert.Single(events, e => e.Kind == EventKind.Scorecard).Detail).Items, i => i.Id == id);

    [Fact]
    public async Task RunAsync_MatchingDaneEeRecord_PassWithNextKeyAdviceAndSecureDnsEvents()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Pass, dane.Status);
        Assert.Equal("mx1.example.com", dane.Target);
        Assert.Equal("DANE: mx1.example.com's certificate matches its TLSA records", dane.Title);
        Assert.Contains(dane.Findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("RFC 7671 §8.1", StringComparison.Ordinal));
        Assert.Equal(ScoreStatus.Pass, Item(events, ScorecardIds.Dnssec).Status);
        var mx = Assert.Single(events, e => e.Detail is DnsQueryDetail { RecordType: DnsRecordType.MX });
        Assert.Equal(DnssecState.Secure, ((DnsQueryDetail)mx.Detail!).Dnssec);
        Assert.EndsWith(" · DNSSEC secure", mx.Text, StringComparison.Ordinal);
        var connect = events.FindIndex(e => e.Kind == EventKind.Connect);
        var lookup = events.FindIndex(e => e.Kind == EventKind.Dane);
        Assert.InRange(lookup, 0, connect);
        Assert.IsType<DaneLookupDetail>(events[lookup].Detail);
        Assert.Contains("mx1.example.com has 1 TLSA record (1 usable, DNSSEC secure)", events[lookup].Text, StringComparison.Ordinal);
        Assert.IsType<DaneDetail>(events.Last(e => e.Kind == EventKind.Dane).Detail);
    }

    [Fact]
    public async Task RunAsync_MatchingDaneEeRecordSelfSigned_TlsItemSaysDaneAuthenticatesIt()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.ExtraStages.Add(new MailCheck.Core.Posture.Tls.TlsStage());
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request());

        var tls = Item(events, ScorecardIds.Tls);
        Assert.Equal(ScoreStatus.Pass, tls.Status);
        Assert.Contains("certificate authenticated by DANE", tls.Title, StringComparison.Ordinal);
        Assert.Contains(tls.Findings, f => f.Status == ScoreStatus.Info && f.Text.Contains("matches the host's DANE TLSA record 3 1 1", StringComparison.Ordinal));
        Assert.DoesNotContain(tls.Findings, f => f.Status == ScoreStatus.Warn);
    }

    [Fact]
    public async Task RunAsync_MismatchSelfSigned_TlsItemStillWarnsAboutTheChain()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.ExtraStages.Add(new MailCheck.Core.Posture.Tls.TlsStage());
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, new string('A', 64));

        var events = await h.RunAsync(EngineHarness.Request());

        Assert.Equal(ScoreStatus.Fail, Item(events, ScorecardIds.Dane).Status);
        var tls = Item(events, ScorecardIds.Tls);
        Assert.Equal(ScoreStatus.Warn, tls.Status);
        Assert.Contains(tls.Findings, f => f.Status == ScoreStatus.Warn && f.Text.Contains("senders that check certificates against public CAs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_MismatchOpportunistic_FailShowsBothDigestsOutcomeUnchanged()
    {
        using var other = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(other));

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Fail, dane.Status);
        var finding = dane.Findings[0];
        Assert.Contains($"Published 3 1 1 {SpkiSha256(other)}; presented depth 0 (CN=mx1.example.com): 3 1 1 {SpkiSha256(_cert)}", finding.Text, StringComparison.Ordinal);
        Assert.Contains($"{TlsaName}. IN TLSA 3 1 1 {SpkiSha256(_cert)}", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MismatchTlsRequired_TlsFailedBeforeAnyMail()
    {
        using var other = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(other));

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Equal(EventKind.Tls, result.Step);
        Assert.StartsWith("TLS failed: the certificate of mx1.example.com does not match its DANE TLSA records", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(EventAssert.ClientLines(events), l => l.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == EventKind.Quit && e.Secure);
        Assert.Equal(ScoreStatus.Fail, Item(events, ScorecardIds.Dane).Status);
    }

    [Fact]
    public async Task RunAsync_MatchTlsRequiredSelfSignedCertificate_DaneStandsInForPkix()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains(events, e => e.Kind == EventKind.Dane && e.Secure && e.Text.StartsWith("DANE: TLSA 3 1 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoTlsaTlsRequiredSelfSigned_StillTlsFailedForTheChain()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Contains("chain does not validate", result.Summary, StringComparison.Ordinal);
        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Info, dane.Status);
        Assert.Equal("DANE: no TLSA records for mx1.example.com", dane.Title);
        Assert.Contains($"{TlsaName}. IN TLSA 3 1 1 {SpkiSha256(_cert)}", dane.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BogusTlsa_FailDaneSendersDefer()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.SetExtendedError(TlsaName, 6, "signature crypto failed");

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Fail, dane.Status);
        Assert.Equal("DANE: the TLSA records of mx1.example.com are bogus", dane.Title);
        Assert.Contains("extended DNS error 6 (DNSSEC Bogus): signature crypto failed", dane.Detail, StringComparison.Ordinal);
        Assert.Contains("defers all mail to mx1.example.com (RFC 7672 §2.1.1, §2.2.3)", dane.Detail, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Detail is DnsQueryDetail { Dnssec: DnssecState.Bogus, ExtendedErrorCode: 6 } && e.Text.EndsWith(" · DNSSEC bogus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TlsaUnderAnUnsignedMxHost_WarnSendersIgnoreIt()
    {
        await using var h = new EngineHarness { JudgeDnssec = true };
        h.Dns.Sign("example.com").Add("example.com", ("mx1.example.net", 10, ["127.0.0.2"]));
        h.Dns.AddTlsa("_25._tcp.mx1.example.net", 3, 1, 1, SpkiSha256(_cert));
        h.Serve("127.0.0.2", new SmtpDialogue { Certificate = _cert });
        h.ExtraStages.AddRange([new DnssecStage(), new DaneLookupStage(), new DaneStage()]);

        var events = await h.RunAsync(EngineHarness.Request());

        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Warn, dane.Status);
        Assert.Equal("DANE: the TLSA records of mx1.example.net are ignored", dane.Title);
        Assert.Contains("the address records of mx1.example.net are not DNSSEC-signed (insecure)", dane.Detail, StringComparison.Ordinal);
        var dnssec = Item(events, ScorecardIds.Dnssec);
        Assert.Equal(ScoreStatus.Pass, dnssec.Status);
        Assert.Equal("DNSSEC: the MX records of example.com validate, the addresses of mx1.example.net are not signed", dnssec.Title);
    }

    [Fact]
    public async Task RunAsync_OnlyPkixEeRecord_WarnUnusable()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 1, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request());

        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Warn, dane.Status);
        Assert.Equal("DANE: mx1.example.com publishes only unusable TLSA records", dane.Title);
        Assert.Contains("PKIX-EE(1) is unusable for SMTP (RFC 7672 §3.1.3)", dane.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UsableRecordsButNoStartTls_Fail()
    {
        await using var h = Harness(new SmtpDialogue());
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var dane = Item(events, ScorecardIds.Dane);
        Assert.Equal(ScoreStatus.Fail, dane.Status);
        Assert.Contains("did not offer STARTTLS", dane.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DaneTaRecordForThePresentedIntermediate_Pass()
    {
        using var pki = new DanePki();
        await using var h = Harness(new SmtpDialogue { Certificate = pki.Leaf, CertificateChain = [pki.Intermediate.PublicCertificate] });
        h.Dns.AddTlsa(TlsaName, 2, 0, 1, CertSha256(pki.Intermediate.Certificate));

        var events = await h.RunAsync(EngineHarness.Request());

        var dane = Item(events, ScorecardIds.Dane);
        Assert.True(dane.Status == ScoreStatus.Pass, dane.Detail);
        Assert.Contains("depth 1 (CN=DANE Test Intermediate)", dane.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DaneTaRootOmittedByTheServerButWholeInDns_Pass()
    {
        using var pki = new DanePki();
        await using var h = Harness(new SmtpDialogue { Certificate = pki.Leaf, CertificateChain = [pki.Intermediate.PublicCertificate] });
        h.Dns.AddTlsa(TlsaName, 2, 0, 0, Hex(pki.Root.Certificate.RawData));

        var events = await h.RunAsync(EngineHarness.Request());

        var dane = Item(events, ScorecardIds.Dane);
        Assert.True(dane.Status == ScoreStatus.Pass, dane.Detail);
        Assert.Contains("the certificate in the TLSA record (CN=DANE Test Root)", dane.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnsignedDomainValidatingResolver_DnssecInfoDaneInfo()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert }, signed: false);

        var events = await h.RunAsync(EngineHarness.Request());

        var dnssec = Item(events, ScorecardIds.Dnssec);
        Assert.Equal(ScoreStatus.Info, dnssec.Status);
        Assert.Equal("DNSSEC: example.com is not signed", dnssec.Title);
        Assert.Equal(ScoreStatus.Info, Item(events, ScorecardIds.Dane).Status);
        Assert.Contains(events, e => e.Detail is DnsQueryDetail { RecordType: DnsRecordType.MX, Dnssec: DnssecState.Insecure } && e.Text.EndsWith(" · DNSSEC insecure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ResolverDoesNotValidate_NotTestedNeverFail()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert }, signed: false);
        h.DnsOptions.DnssecProbeName = "example.com"; // unsigned: the probe comes back without AD
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request());

        foreach (var id in new[] { ScorecardIds.Dnssec, ScorecardIds.Dane })
        {
            var item = Item(events, id);
            Assert.Equal(ScoreStatus.NotTested, item.Status);
            Assert.Equal("DNSSEC and DANE could not be verified", item.Title);
            Assert.StartsWith("DNSSEC and DANE could not be verified: the DNS resolver does not validate", item.Detail, StringComparison.Ordinal);
        }

        Assert.All(events.Where(e => e.Kind == EventKind.Dns), e => Assert.Equal(DnssecState.Indeterminate, ((DnsQueryDetail)e.Detail!).Dnssec));
    }

    [Fact]
    public async Task RunAsync_AdNotTrusted_NotTestedNamesTheOption()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.DnsOptions.TrustAuthenticatedData = "false";

        var events = await h.RunAsync(EngineHarness.Request());

        var item = Item(events, ScorecardIds.Dnssec);
        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Contains("MailCheck:Dns:TrustAuthenticatedData is false", item.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Dns.Queries, q => q.Type == DnsRecordType.SOA);
    }

    [Fact]
    public async Task RunAsync_MxBogus_DnsErrorOutcomeAndDnssecFail()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.SetExtendedError("example.com", 6, "RRSIG over MX failed");
        h.DnsOptions.DnssecProbeName = "mx1.example.com";

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.DnsError);
        var dnssec = Item(events, ScorecardIds.Dnssec);
        Assert.Equal(ScoreStatus.Fail, dnssec.Status);
        Assert.Equal("DNSSEC: the MX records of example.com are bogus", dnssec.Title);
        Assert.Contains("(RFC 4035 §5.5)", dnssec.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PostureOffTlsOpportunistic_NoDaneLookup()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request() with { Posture = false });

        Assert.DoesNotContain(h.Dns.Queries, q => q.Type == DnsRecordType.TLSA);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Dane);
    }

    [Fact]
    public async Task RunAsync_PostureOffTlsRequiredMismatch_StillEnforced()
    {
        using var other = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(other));

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required) with { Posture = false });

        EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Scorecard);
    }

    [Fact]
    public async Task RunAsync_DnssecAndDaneDetails_RoundTripThroughTheStoredJson()
    {
        await using var h = Harness(new SmtpDialogue { Certificate = _cert });
        h.Dns.AddTlsa(TlsaName, 3, 1, 1, SpkiSha256(_cert));

        var events = await h.RunAsync(EngineHarness.Request());

        var details = events.Where(e => e.Kind is EventKind.Dnssec or EventKind.Dane or EventKind.Tls or EventKind.Dns).Select(e => e.Detail).OfType<CheckEventDetail>().ToList();
        Assert.Contains(details, d => d is DnssecDetail);
        Assert.Contains(details, d => d is DaneLookupDetail);
        Assert.Contains(details, d => d is DaneDetail);
        foreach (var detail in details)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(detail, Documents.CheckJson.Options);
            var back = System.Text.Json.JsonSerializer.Deserialize<CheckEventDetail>(json, Documents.CheckJson.Options)!;

            Assert.IsType(detail.GetType(), back);
            Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, Documents.CheckJson.Options));
        }

        var tls = Assert.IsType<TlsDetail>(Assert.Single(events, e => e.Detail is TlsDetail).Detail);
        Assert.Contains("\"presentedChain\":[\"", System.Text.Json.JsonSerializer.Serialize<CheckEventDetail>(tls, Documents.CheckJson.Options), StringComparison.Ordinal);
    }

    public void Dispose() => _cert.Dispose();
}
