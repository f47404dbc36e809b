using System.Globalization;
using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Core.Tests.Integration;
using MailCheck.Testing.Smtp;
using static MailCheck.Core.Tests.Dane.DanePki;

namespace MailCheck.Core.Tests.Dane;

/// <summary>
/// DANE with nothing faked: a DNS server on loopback sending the AD flag, TLSA records and an extended DNS error on the
/// wire, read by the real DnsClientQuerier, and a real SMTP server with STARTTLS.
/// </summary>
public sealed class DaneRealServersTests : IAsyncDisposable
{
    private readonly RealServersHarness _h = new() { DnssecProbeName = "dane.test" };

    private static byte[] Tlsa(int usage, int selector, int matchingType, string hex) => [(byte)usage, (byte)selector, (byte)matchingType, .. Convert.FromHexString(hex)];

    [Fact]
    public async Task Probe_SignedMatchAndBogus_PassAndFailOverTheWire()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx.good.dane.test");
        var server = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [IPAddress.Parse("127.0.0.41")], ServerName = "mx.good.dane.test", Certificate = cert });
        var port = server.Port.ToString(CultureInfo.InvariantCulture);
        _h.Dns.Sign("dane.test")
            .AddMx("good.dane.test", 10, "mx.good.dane.test").AddA("mx.good.dane.test", "127.0.0.41")
            .AddRaw($"_{port}._tcp.mx.good.dane.test", 52, Tlsa(3, 1, 1, SpkiSha256(cert)))
            .AddMx("bogus.dane.test", 10, "mx.bogus.dane.test").AddA("mx.bogus.dane.test", "127.0.0.41")
            .ExtendedError($"_{port}._tcp.mx.bogus.dane.test", 6, "validation failure: signature crypto failed");

        var (good, goodResult) = await _h.RunAsync("danereal000000000good0", _h.Request("postmaster@good.dane.test", CheckMode.Probe));
        var (bogus, _) = await _h.RunAsync("danereal00000000bogus0", _h.Request("postmaster@bogus.dane.test", CheckMode.Probe));

        Assert.Equal(CheckOutcome.Accepted, goodResult.Outcome);
        var scorecard = Assert.IsType<ScorecardDetail>(Assert.Single(good, e => e.Kind == EventKind.Scorecard).Detail);
        Assert.Equal(ScoreStatus.Pass, Assert.Single(scorecard.Items, i => i.Id == ScorecardIds.Dane).Status);
        Assert.Equal(ScoreStatus.Pass, Assert.Single(scorecard.Items, i => i.Id == ScorecardIds.Dnssec).Status);
        Assert.Contains(good, e => e.Detail is DnsQueryDetail { RecordType: DnsRecordType.TLSA, Dnssec: DnssecState.Secure });
        var bogusCard = Assert.IsType<ScorecardDetail>(Assert.Single(bogus, e => e.Kind == EventKind.Scorecard).Detail);
        var dane = Assert.Single(bogusCard.Items, i => i.Id == ScorecardIds.Dane);
        Assert.True(dane.Status == ScoreStatus.Fail, EventAssert.Dump(bogus));
        Assert.Contains("extended DNS error 6 (DNSSEC Bogus)", dane.Detail, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();
}
