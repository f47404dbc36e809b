using MailCheck.Core.Dns;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Core.Tests.Dns;

/// <summary><see cref="MxResolver"/> over the real <see cref="DnsClientQuerier"/> against a real DNS server on loopback.</summary>
public sealed class MxResolverTests : IAsyncLifetime
{
    private readonly InProcessDnsServer _dns = InProcessDnsServer.Start();
    private readonly List<Logged> _log = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    /// <summary>DNS for one check, logging every query sent.</summary>
    private CheckDns Dns(TimeProvider? time = null, TimeSpan? timeout = null) => new(
        new DnsClientQuerier(
            Options.Create(new DnsOptions { Servers = [_dns.Endpoint], Timeout = timeout ?? TimeSpan.FromSeconds(2), Retries = 0 }),
            time ?? TimeProvider.System),
        budget: 150,
        (answer, _) => _log.Add(new Logged(answer.Name, answer.Type.ToString(), answer.Describe(), answer.Elapsed, answer.Server, answer.Failed)));

    private Task<MxLookup> LookupAsync(string domain, TimeProvider? time = null) =>
        MxResolver.LookupAsync(Dns(time), domain, CancellationToken.None);

    private sealed record Logged(string Name, string Type, string Answer, TimeSpan Elapsed, string? Server, bool Failed);

    [Fact]
    public async Task LookupAsync_SeveralMx_SortsByPreferenceKeepingDnsOrderForTies()
    {
        _dns.AddMx("example.test", 20, "c.example.test")
            .AddMx("example.test", 10, "b.example.test")
            .AddMx("example.test", 10, "a.example.test")
            .AddMx("example.test", 5, "z.example.test")
            .AddA("a.example.test", "127.0.0.2").AddA("b.example.test", "127.0.0.3")
            .AddA("c.example.test", "127.0.0.4").AddA("z.example.test", "127.0.0.5");

        var lookup = await LookupAsync("example.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.False(lookup.Implicit);
        Assert.Equal(["z.example.test", "b.example.test", "a.example.test", "c.example.test"], lookup.Hosts.Select(h => h.Host));
        Assert.Equal([5, 10, 10, 20], lookup.Hosts.Select(h => h.Preference));
    }

    [Fact]
    public async Task LookupAsync_HostWithAAndAaaa_ListsIPv4FirstWithTtls()
    {
        _dns.AddMx("example.test", 10, "mx.example.test")
            .AddAaaa("mx.example.test", "::1", ttl: 60)
            .AddA("mx.example.test", "127.0.0.2", ttl: 120)
            .AddA("mx.example.test", "127.0.0.3", ttl: 120);

        var lookup = await LookupAsync("example.test");

        var host = Assert.Single(lookup.Hosts);
        Assert.Null(host.Error);
        Assert.Equal(
            [new ResolvedAddress("127.0.0.2", 120), new ResolvedAddress("127.0.0.3", 120), new ResolvedAddress("::1", 60)],
            host.Addresses);
    }

    [Fact]
    public async Task LookupAsync_EveryQuery_IsReportedInOrderWithReadableAnswers()
    {
        _dns.AddMx("example.test", 10, "mx.example.test", ttl: 300).AddA("mx.example.test", "127.0.0.2", ttl: 60);

        await LookupAsync("example.test");

        Assert.Equal(["MX example.test", "A mx.example.test", "AAAA mx.example.test"], _log.Select(q => $"{q.Type} {q.Name}"));
        Assert.Equal("MX 10 mx.example.test (TTL 300)", _log[0].Answer);
        Assert.Equal("A 127.0.0.2 (TTL 60)", _log[1].Answer);
        Assert.Equal("no records", _log[2].Answer);
        Assert.All(_log, q => Assert.False(q.Failed));
        Assert.All(_log, q => Assert.Contains(_dns.ListenEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Server, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LookupAsync_Elapsed_ComesFromTheInjectedTimeProvider()
    {
        _dns.AddMx("example.test", 10, "mx.example.test").AddA("mx.example.test", "127.0.0.2");
        var frozen = new FakeTimeProvider();

        await LookupAsync("example.test", frozen);

        Assert.Equal(3, _log.Count);
        Assert.All(_log, q => Assert.Equal(TimeSpan.Zero, q.Elapsed));
    }

    [Fact]
    public async Task LookupAsync_NullMx_ReturnsNullMxWithoutResolvingHosts()
    {
        _dns.AddNullMx("nomail.test").AddA("nomail.test", "127.0.0.2");

        var lookup = await LookupAsync("nomail.test");

        Assert.Equal(MxLookupStatus.NullMx, lookup.Status);
        Assert.Empty(lookup.Hosts);
        Assert.Contains("null MX", lookup.Reason, StringComparison.Ordinal);
        Assert.Equal(["MX"], _log.Select(q => q.Type));
    }

    [Fact]
    public async Task LookupAsync_NoMx_UsesTheDomainsAddressesAsImplicitMx()
    {
        _dns.AddA("implicit.test", "127.0.0.7", ttl: 30).AddAaaa("implicit.test", "::1", ttl: 40);

        var lookup = await LookupAsync("implicit.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.True(lookup.Implicit);
        var host = Assert.Single(lookup.Hosts);
        Assert.Equal(new MxHost("implicit.test", 0, host.Addresses), host);
        Assert.Equal([new ResolvedAddress("127.0.0.7", 30), new ResolvedAddress("::1", 40)], host.Addresses);
    }

    [Fact]
    public async Task LookupAsync_NoMxAndNoAddress_ReturnsNoMailService()
    {
        _dns.AddTxt("bare.test", "v=spf1 -all");

        var lookup = await LookupAsync("bare.test");

        Assert.True(lookup.Status == MxLookupStatus.NoMailService, lookup.Reason + " / " + string.Join(" | ", _log));
        Assert.Contains("no MX record and no A or AAAA address", lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_Nxdomain_ReturnsNoMailServiceAfterOneQuery()
    {
        var lookup = await LookupAsync("missing.test");

        Assert.Equal(MxLookupStatus.NoMailService, lookup.Status);
        Assert.Contains("NXDOMAIN", lookup.Reason, StringComparison.Ordinal);
        var query = Assert.Single(_log);
        Assert.Equal("NXDOMAIN", query.Answer);
        Assert.False(query.Failed);
    }

    [Fact]
    public async Task LookupAsync_ServFail_ReturnsError()
    {
        _dns.AddMx("broken.test", 10, "mx.broken.test").ServFail("broken.test");

        var lookup = await LookupAsync("broken.test");

        Assert.Equal(MxLookupStatus.Error, lookup.Status);
        Assert.Contains("SERVFAIL", lookup.Reason, StringComparison.Ordinal);
        Assert.True(Assert.Single(_log).Failed);
    }

    [Fact]
    public async Task LookupAsync_Refused_ReturnsError()
    {
        _dns.SetBehavior("refused.test", DnsNameBehavior.Refused);

        var lookup = await LookupAsync("refused.test");

        Assert.Equal(MxLookupStatus.Error, lookup.Status);
        Assert.Contains("REFUSED", lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_NoAnswer_ReturnsTimeoutError()
    {
        _dns.NoAnswer("silent.test");

        var lookup = await LookupAsync("silent.test");

        Assert.Equal(MxLookupStatus.Error, lookup.Status);
        Assert.Contains("timeout", lookup.Reason, StringComparison.Ordinal);
        var query = Assert.Single(_log);
        Assert.Equal("timeout", query.Answer);
        Assert.True(query.Failed);
    }

    [Fact]
    public async Task LookupAsync_HostWithoutAddress_KeepsAnErrorAndNoAddresses()
    {
        _dns.AddMx("example.test", 10, "gone.example.test")
            .AddMx("example.test", 20, "noaddr.example.test")
            .AddMx("example.test", 30, "mx.example.test")
            .AddTxt("noaddr.example.test", "nothing here")
            .AddA("mx.example.test", "127.0.0.2");

        var lookup = await LookupAsync("example.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.Empty(lookup.Hosts[0].Addresses);
        Assert.Contains("NXDOMAIN", lookup.Hosts[0].Error, StringComparison.Ordinal);
        Assert.Empty(lookup.Hosts[1].Addresses);
        Assert.Contains("no A or AAAA", lookup.Hosts[1].Error, StringComparison.Ordinal);
        Assert.Null(lookup.Hosts[2].Error);
        Assert.Single(lookup.Hosts[2].Addresses);
    }

    [Fact]
    public async Task LookupAsync_HostLookupFailsButAnotherResolves_KeepsAnErrorOnThatHost()
    {
        _dns.AddMx("example.test", 10, "flaky.example.test").ServFail("flaky.example.test")
            .AddMx("example.test", 20, "mx.example.test").AddA("mx.example.test", "127.0.0.2");

        var lookup = await LookupAsync("example.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.Empty(lookup.Hosts[0].Addresses);
        Assert.Contains("SERVFAIL", lookup.Hosts[0].Error, StringComparison.Ordinal);
        Assert.Single(lookup.Hosts[1].Addresses);
    }

    [Fact]
    public async Task LookupAsync_EveryHostLookupFails_IsAnErrorThatKeepsTheHosts()
    {
        _dns.AddMx("example.test", 10, "flaky.example.test").ServFail("flaky.example.test")
            .AddMx("example.test", 20, "gone.example.test");

        var lookup = await LookupAsync("example.test");

        Assert.Equal(MxLookupStatus.Error, lookup.Status);
        Assert.Equal(["flaky.example.test", "gone.example.test"], lookup.Hosts.Select(h => h.Host));
        Assert.Contains("SERVFAIL", lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_EveryHostMissing_IsFoundWithoutAddresses()
    {
        _dns.AddMx("example.test", 10, "gone.example.test");

        var lookup = await LookupAsync("example.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.Contains("NXDOMAIN", Assert.Single(lookup.Hosts).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_MxHostIsCname_FollowsIt()
    {
        _dns.AddMx("example.test", 10, "alias.example.test")
            .AddCname("alias.example.test", "real.example.test")
            .AddA("real.example.test", "127.0.0.9");

        var lookup = await LookupAsync("example.test");

        var host = Assert.Single(lookup.Hosts);
        Assert.Equal("alias.example.test", host.Host);
        Assert.Equal([new ResolvedAddress("127.0.0.9", 300)], host.Addresses);
        Assert.Contains("CNAME real.example.test", _log[1].Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_SameHostTwice_IsQueriedOnce()
    {
        _dns.AddMx("example.test", 10, "mx.example.test").AddMx("example.test", 20, "mx.example.test").AddA("mx.example.test", "127.0.0.2");

        var lookup = await LookupAsync("example.test");

        Assert.Equal([10, 20], lookup.Hosts.Select(h => h.Preference));
        Assert.Equal(3, _log.Count);
    }

    [Fact]
    public async Task LookupAsync_AddressLiteral_NeedsNoDns()
    {
        var lookup = await LookupAsync("[IPv6:::1]");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.Equal("::1", Assert.Single(Assert.Single(lookup.Hosts).Addresses).Address);
        Assert.Empty(_log);
        Assert.Empty(_dns.Queries);
    }

    [Fact]
    public async Task LookupAsync_AnswersAreNotCachedAcrossChecks()
    {
        await LookupAsync("fresh.test");
        _dns.AddA("fresh.test", "127.0.0.2");

        var lookup = await LookupAsync("fresh.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.Equal(2, _dns.Queries.Count(q => q.Type == "MX"));
    }

    [Fact]
    public async Task LookupAsync_Cancelled_Throws()
    {
        _dns.NoAnswer("silent.test");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MxResolver.LookupAsync(Dns(), "silent.test", cts.Token));
    }

    [Fact]
    public async Task LookupAsync_CancelledDuringQuery_ThrowsOperationCanceled()
    {
        _dns.NoAnswer("silent.test");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MxResolver.LookupAsync(Dns(timeout: TimeSpan.FromSeconds(30)), "silent.test", cts.Token));
    }

    [Fact]
    public async Task LookupAsync_ManyMxHosts_ResolvesOnlyTheFirstFewButListsEveryOne()
    {
        for (var i = 0; i < 25; i++)
        {
            _dns.AddMx("many.test", 10 + i, $"mx{i}.many.test").AddA($"mx{i}.many.test", "127.0.0.2");
        }

        var lookup = await LookupAsync("many.test");

        Assert.Equal(25, lookup.Hosts.Count);
        Assert.All(lookup.Hosts.Take(MxResolver.MaxMxHostsResolved), h => Assert.NotEmpty(h.Addresses));
        Assert.All(lookup.Hosts.Skip(MxResolver.MaxMxHostsResolved), h =>
        {
            Assert.Empty(h.Addresses);
            Assert.Contains("not looked up", h.Error, StringComparison.Ordinal);
        });
        Assert.Equal(1 + (2 * MxResolver.MaxMxHostsResolved), _dns.Queries.Count);
    }

    [Fact]
    public async Task LookupAsync_MxHostWithInvalidPunycode_IsAFailedQueryNotAnException()
    {
        _dns.AddMx("weird.test", 10, "xn--zz.weird.test").AddA("xn--zz.weird.test", "127.0.0.2")
            .AddMx("weird.test", 20, "mx.weird.test").AddA("mx.weird.test", "127.0.0.3");

        var lookup = await LookupAsync("weird.test");

        Assert.Equal(MxLookupStatus.Found, lookup.Status);
        Assert.Empty(lookup.Hosts[0].Addresses);
        Assert.Contains("could not be read", lookup.Hosts[0].Error, StringComparison.Ordinal);
        Assert.Equal([new ResolvedAddress("127.0.0.3", 300)], lookup.Hosts[1].Addresses);
    }
}
