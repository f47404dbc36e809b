using System.Net;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>check_host() over the real <see cref="DnsClientQuerier"/> against a real DNS server on loopback.</summary>
public sealed class SpfEvaluatorDnsServerTests : IAsyncLifetime
{
    private readonly InProcessDnsServer _dns = InProcessDnsServer.Start();
    private readonly List<DnsAnswer> _sent = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    /// <summary>
    /// check_host() with a querier that waits <paramref name="timeout"/> for each answer: 5 s unless a test wants the
    /// timeout itself (a silent server). A server that answers must never lose to a busy machine (a 500 ms wait did, for
    /// a 1 KB TXT answer while the whole suite ran on two loaded cores).
    /// </summary>
    private Task<SpfCheckResult> CheckAsync(string ip, string domain, TimeSpan? timeout = null)
    {
        var querier = new DnsClientQuerier(
            Options.Create(new DnsOptions { Servers = [_dns.Endpoint], Timeout = timeout ?? TimeSpan.FromSeconds(5), Retries = 0 }),
            TimeProvider.System);
        var dns = new CheckDns(querier, 150, (answer, purpose) =>
        {
            Assert.Equal("spf", purpose);
            lock (_sent)
            {
                _sent.Add(answer);
            }
        });
        return new SpfEvaluator().CheckHostAsync(dns, IPAddress.Parse(ip), domain, "ann@" + domain, "mail.example.test", CancellationToken.None);
    }

    [Fact]
    public async Task CheckHost_RecordSplitInto255ByteStrings_JoinedWithNothingBetween()
    {
        // 60 ip4 terms (over 1000 bytes): the zone serves it as several 255-byte character-strings, cut mid-term.
        var record = "v=spf1 " + string.Join(' ', Enumerable.Range(1, 60).Select(i => $"ip4:198.51.100.{i}/32")) + " ip4:192.0.2.77 -all";
        _dns.AddTxt("long.example.test", record);

        var result = await CheckAsync("192.0.2.77", "long.example.test");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal(record, result.Record);
        var strings = Assert.Single(Assert.Single(_sent).Records).Strings!;
        Assert.True(strings.Count >= 5);
        Assert.All(strings.SkipLast(1), s => Assert.Equal(255, s.Length));
    }

    [Fact]
    public async Task CheckHost_ExplicitStringsSplitMidToken_Joined()
    {
        _dns.AddTxtStrings("parts.example.test", "v=spf1 ip", "4:192.0.2.", "78 -al", "l");

        var result = await CheckAsync("192.0.2.78", "parts.example.test");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal("v=spf1 ip4:192.0.2.78 -all", result.Record);
    }

    [Fact]
    public async Task CheckHost_IncludeAMxAndPtr_OverRealDns()
    {
        _dns.AddTxt("corp.example.test", "v=spf1 mx include:esp.example.test ptr:corp.example.test -all")
            .AddMx("corp.example.test", 10, "mx.corp.example.test").AddA("mx.corp.example.test", "192.0.2.1")
            .AddTxt("esp.example.test", "v=spf1 a:out.esp.example.test/28 -all").AddA("out.esp.example.test", "198.51.100.16")
            .AddPtr("5.2.0.192.in-addr.arpa", "relay.corp.example.test").AddA("relay.corp.example.test", "192.0.2.5");

        Assert.Equal(SpfResult.Pass, (await CheckAsync("192.0.2.1", "corp.example.test")).Result);
        Assert.Equal(SpfResult.Pass, (await CheckAsync("198.51.100.30", "corp.example.test")).Result);
        Assert.Equal(SpfResult.Pass, (await CheckAsync("192.0.2.5", "corp.example.test")).Result);
        var fail = await CheckAsync("203.0.113.9", "corp.example.test");
        Assert.Equal(SpfResult.Fail, fail.Result);
        Assert.Equal(4, fail.DnsLookups);     // mx, include, the include's a, ptr
    }

    [Fact]
    public async Task CheckHost_ServFailMidEvaluation_TempError()
    {
        _dns.AddTxt("sf.example.test", "v=spf1 include:broken.example.test -all").ServFail("broken.example.test");

        var result = await CheckAsync("192.0.2.9", "sf.example.test");

        Assert.Equal(SpfResult.TempError, result.Result);
        Assert.Contains("SERVFAIL", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_NoAnswerFromTheServer_TempError()
    {
        _dns.AddTxt("to.example.test", "v=spf1 a:silent.example.test -all").NoAnswer("silent.example.test");

        var result = await CheckAsync("192.0.2.9", "to.example.test", TimeSpan.FromMilliseconds(500));

        Assert.Equal(SpfResult.TempError, result.Result);
        Assert.Contains("timeout", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_IncludeOfMissingDomain_PermError()
    {
        _dns.AddTxt("miss.example.test", "v=spf1 include:gone.example.test -all");

        var result = await CheckAsync("192.0.2.9", "miss.example.test");

        Assert.Equal(SpfResult.PermError, result.Result);
        Assert.Contains("NXDOMAIN", result.Reason, StringComparison.Ordinal);
        Assert.Contains("§5.2", result.Reason, StringComparison.Ordinal);
    }
}
