using System.Net;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Blocklists;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Core.Tests.Posture.Blocklists;

public class DnsblClientTests
{
    [Theory]
    [InlineData("127.0.0.2", DnsblVerdict.Listed)]
    [InlineData("127.0.0.10", DnsblVerdict.Listed)]
    [InlineData("127.255.255.254", DnsblVerdict.Error)]
    [InlineData("127.255.255.252", DnsblVerdict.Error)]
    [InlineData("127.255.255.255", DnsblVerdict.Error)]
    [InlineData("192.0.2.1", DnsblVerdict.Error)]
    public void Interpret_Code_Verdict(string code, DnsblVerdict expected) =>
        Assert.Equal(expected, DnsblClient.Interpret([IPAddress.Parse(code)]).Verdict);

    [Fact]
    public void Interpret_SpamhausPublicResolverCode_SaysTheListRefusedThisResolver() =>
        Assert.Contains("refused this resolver", DnsblClient.Interpret([IPAddress.Parse("127.255.255.254")]).Reason, StringComparison.Ordinal);

    [Fact]
    public async Task QueryAsync_Listed_ReadsReasonAndCachesForLaterChecks()
    {
        var time = new FakeTimeProvider();
        var zone = new StaticDnsQuerier()
            .AddAddress("10.2.0.192.bl.test", "127.0.0.2")
            .AddTxt("10.2.0.192.bl.test", "Listed: see https://bl.test/192.0.2.10");
        var client = new DnsblClient(Options.Create(new DnsblOptions { Zones = ["bl.test"] }), time);

        var first = await client.QueryAsync(new CheckDns(zone, 10), "bl.test", IPAddress.Parse("192.0.2.10"), CancellationToken.None);
        var second = await client.QueryAsync(new CheckDns(zone, 10), "bl.test", IPAddress.Parse("192.0.2.10"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));
        var third = await client.QueryAsync(new CheckDns(zone, 10), "bl.test", IPAddress.Parse("192.0.2.10"), CancellationToken.None);

        Assert.Equal(DnsblVerdict.Listed, first.Verdict);
        Assert.Equal(["127.0.0.2"], first.Codes);
        Assert.Equal("Listed: see https://bl.test/192.0.2.10", first.Reason);
        Assert.True(second.Cached);
        Assert.False(third.Cached);
        Assert.Equal(4, zone.Queries.Count);
    }

    [Fact]
    public async Task QueryAsync_IPv6_AsksReversedNibbles()
    {
        var zone = new StaticDnsQuerier();
        var client = new DnsblClient(Options.Create(new DnsblOptions { Zones = ["bl.test"] }), TimeProvider.System);

        var answer = await client.QueryAsync(new CheckDns(zone, 10), "bl.test", IPAddress.Parse("2001:db8::1"), CancellationToken.None);

        Assert.Equal(DnsblVerdict.NotListed, answer.Verdict);
        Assert.Equal("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test", Assert.Single(zone.Queries).Name);
    }

    [Fact]
    public async Task QueryAsync_ServFail_ErrorNotCached()
    {
        var zone = new StaticDnsQuerier().SetStatus("10.2.0.192.bl.test", DnsResponseStatus.ServFail);
        var client = new DnsblClient(Options.Create(new DnsblOptions { Zones = ["bl.test"] }), TimeProvider.System);

        var first = await client.QueryAsync(new CheckDns(zone, 10), "bl.test", IPAddress.Parse("192.0.2.10"), CancellationToken.None);
        await client.QueryAsync(new CheckDns(zone, 10), "bl.test", IPAddress.Parse("192.0.2.10"), CancellationToken.None);

        Assert.Equal(DnsblVerdict.Error, first.Verdict);
        Assert.StartsWith("could not test", first.Reason, StringComparison.Ordinal);
        Assert.Equal(2, zone.Queries.Count);
    }
}
