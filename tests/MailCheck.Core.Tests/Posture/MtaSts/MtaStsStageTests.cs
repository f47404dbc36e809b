using System.Net;
using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Posture.MtaSts;
using MailCheck.Core.Posture.Tls;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Core.Tls;
using MailCheck.Testing.Https;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;
using MailCheck.Testing.Tls;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Posture.MtaSts;

/// <summary>
/// MTA-STS inside a real engine run: the policy is fetched before the conversation (HTTPS on loopback), the MX the
/// conversation used is judged after it with the certificate it showed, and the scorecard gets one mtaSts item.
/// </summary>
public sealed class MtaStsStageTests : IAsyncDisposable
{
    private static readonly IPAddress PolicyAddress = IPAddress.Parse("203.0.113.10");
    private readonly TestCertificateAuthority _ca = new("Stage Test Root");
    private readonly string _pem;
    private readonly CertificateTrust _trust;
    private readonly MappedConnector _https = new();
    private TestHttpsServer? _server;

    public MtaStsStageTests()
    {
        _pem = _ca.WriteRootPem();
        _trust = CertificateTrust.FromFile(_pem);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _trust.Dispose();
        _ca.Dispose();
        File.Delete(_pem);
    }

    [Fact]
    public async Task Run_EnforceAndTheMxPresentsAValidCertificate_PassAfterTheSession()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = cert }, "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var stsEvents = events.Where(e => e.Kind == EventKind.MtaSts).ToList();
        Assert.Equal(2, stsEvents.Count);
        Assert.Empty(Assert.IsType<MtaStsDetail>(stsEvents[0].Detail).Items);
        Assert.True(events.IndexOf(stsEvents[0]) < events.FindIndex(e => e.Kind == EventKind.Connect));
        Assert.True(events.IndexOf(stsEvents[1]) > events.FindIndex(e => e.Kind == EventKind.Quit));
        var detail = Assert.IsType<MtaStsDetail>(stsEvents[1].Detail);
        Assert.Equal("mx1.example.com", detail.MxHost);
        Assert.Equal("mx1.example.com", detail.MatchedPattern);
        Assert.Equal(MtaStsMode.Enforce, detail.Mode);
        Assert.Equal("20250101", detail.Id);
        var item = Item(events, ScorecardIds.MtaSts);
        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("MTA-STS enforce: mx1.example.com passes the policy", item.Title);
        Assert.Contains(item.Findings, f => f.Text.Contains("trusted only through MailCheck:Tls:ExtraTrustedCaFile", StringComparison.Ordinal));
        var tls = Item(events, ScorecardIds.Tls);
        Assert.Equal("mx1.example.com [127.0.0.2]", tls.Target);
        Assert.Equal(ScoreStatus.Pass, tls.Status);
    }

    [Fact]
    public async Task Run_EnforceAndASelfSignedMx_FailNamingTheMx()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = cert }, "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var item = Item(events, ScorecardIds.MtaSts);
        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains(item.Findings, f => f.Text == "A sender enforcing your MTA-STS policy would not deliver to mx1.example.com: its certificate is self-signed (RFC 8461 §4.2, §5).");
        Assert.Equal(ScoreStatus.Warn, Item(events, ScorecardIds.Tls).Status);
    }

    [Fact]
    public async Task Run_NoRecordAndNoPolicyHost_OneInfoItemBeforeConnecting()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out _);
        h.Trust = _trust;
        AddStages(h);

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var sts = Assert.Single(events, e => e.Kind == EventKind.MtaSts);
        Assert.True(events.IndexOf(sts) < events.FindIndex(e => e.Kind == EventKind.Connect));
        Assert.Equal(ScoreStatus.Info, Item(events, ScorecardIds.MtaSts).Status);
        Assert.Empty(_https.Attempts);
    }

    [Fact]
    public async Task Run_RecordButPolicyRedirects_FailAndTheMxIsNotJudged()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = cert }, null, new TestHttpResponse { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = "https://example.com/" } });

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        Assert.Single(events, e => e.Kind == EventKind.MtaSts);
        var item = Item(events, ScorecardIds.MtaSts);
        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains(item.Findings, f => f.Text.Contains("HTTP 3xx redirects MUST NOT be followed (RFC 8461 §3.3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TestingAndTheMxOutsideThePatterns_Warn()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = cert }, "version: STSv1\nmode: testing\nmx: *.mail.example.com\nmax_age: 604800\n");

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var item = Item(events, ScorecardIds.MtaSts);
        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.StartsWith("MTA-STS testing: mx1.example.com would fail the policy (not listed)", item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MxUnreachable_MxPartNotTested()
    {
        await using var h = Harness(null, "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        EventAssert.Outcome(events, CheckOutcome.Unreachable);
        var item = Item(events, ScorecardIds.MtaSts);
        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.TlsVerdict);
    }

    [Fact]
    public async Task Run_Details_RoundTripThroughJson()
    {
        using var cert = _ca.Issue("mx1.example.com");
        await using var h = Harness(new SmtpDialogue { Certificate = cert }, "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");
        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var details = events.Where(e => e.Detail is MtaStsDetail or TlsVerdictDetail).Select(e => e.Detail!).ToList();

        Assert.Equal(3, details.Count);
        foreach (var detail in details)
        {
            var json = JsonSerializer.Serialize<CheckEventDetail>(detail, options);
            var back = JsonSerializer.Deserialize<CheckEventDetail>(json, options)!;
            Assert.IsType(detail.GetType(), back);
            Assert.Equal(json, JsonSerializer.Serialize(back, options));
        }
    }

    private EngineHarness Harness(SmtpDialogue? dialogue, string? policy, TestHttpResponse? response = null)
    {
        var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        if (dialogue is not null)
        {
            h.Serve("127.0.0.2", dialogue);
        }

        h.Dns.AddTxt("_mta-sts.example.com", "v=STSv1; id=20250101");
        h.Dns.AddAddress("mta-sts.example.com", PolicyAddress.ToString());
        h.Trust = _trust;
        _server = TestHttpsServer.Start(_ca.Issue("mta-sts.example.com"), _ => response ?? TestHttpResponse.Text(policy!));
        _https.Map(PolicyAddress, 443, _server.EndPoint);
        AddStages(h);
        return h;
    }

    private void AddStages(EngineHarness h)
    {
        var fetcher = new MtaStsFetcher(_https, h.Policy, _trust, Options.Create(new MtaStsOptions()), TimeProvider.System);
        h.ExtraStages.Add(new MtaStsDiscoveryStage(fetcher));
        h.ExtraStages.Add(new MtaStsVerdictStage());
        h.ExtraStages.Add(new TlsStage());
    }

    private static ScorecardItem Item(IReadOnlyList<CheckEvent> events, string id)
    {
        var scorecard = Assert.IsType<ScorecardDetail>(Assert.Single(events, e => e.Kind == EventKind.Scorecard).Detail);
        return Assert.Single(scorecard.Items, i => i.Id == id);
    }
}
