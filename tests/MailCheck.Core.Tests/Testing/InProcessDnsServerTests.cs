using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Testing;

public sealed class InProcessDnsServerTests : IAsyncLifetime
{
    private readonly InProcessDnsServer _dns = InProcessDnsServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    private LookupClient Client(bool tcp = false) => new(new LookupClientOptions(_dns.ListenEndPoint)
    {
        UseCache = false,
        UseTcpOnly = tcp,
        Timeout = TimeSpan.FromSeconds(10), // a bound, not a speed goal: the machine may be loaded
        Retries = 0,
    });

    [Fact]
    public async Task Query_OverTcp_AnswersLikeUdp()
    {
        _dns.AddMx("example.test", 10, "mx.example.test").AddTxt("example.test", new string('t', 300));

        var mx = await Client(tcp: true).QueryAsync("example.test", QueryType.MX);
        var txt = await Client(tcp: true).QueryAsync("example.test", QueryType.TXT);

        Assert.Equal("mx.example.test.", Assert.Single(mx.Answers.MxRecords()).Exchange.Value);
        Assert.Equal(new string('t', 300), string.Concat(Assert.Single(txt.Answers.TxtRecords()).Text));
        Assert.All(_dns.Queries, q => Assert.True(q.Tcp));
    }

    [Fact]
    public async Task Query_ManyRecordsOverUdp_StillAnswersCompletely()
    {
        for (var i = 0; i < 60; i++)
        {
            _dns.AddA("big.example.test", $"127.0.1.{i}");
        }

        var response = await Client().QueryAsync("big.example.test", QueryType.A);

        Assert.Equal(60, response.Answers.ARecords().Count());
    }

    [Fact]
    public async Task Query_AnswerTooBigForUdp_IsTruncatedAndRetriedOverTcp()
    {
        for (var i = 0; i < 200; i++)
        {
            _dns.AddA("huge.example.test", $"127.0.{i / 250}.{i % 250}");
        }

        var response = await Client().QueryAsync("huge.example.test", QueryType.A);

        Assert.Equal(200, response.Answers.ARecords().Count());
        Assert.Equal([false, true], _dns.Queries.Select(q => q.Tcp));
    }

    [Fact]
    public async Task Query_ExistingNameOtherType_IsNoDataNotNxdomain()
    {
        _dns.AddA("host.example.test", "127.0.0.2");

        var response = await Client().QueryAsync("host.example.test", QueryType.MX);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public async Task Query_UnknownName_IsNxdomain()
    {
        var response = await Client().QueryAsync("nothing.example.test", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.Equal([new DnsQueryReceived("nothing.example.test", "A", false)], _dns.Queries);
    }

    [Fact]
    public async Task Query_NullMx_IsPreferenceZeroAndRoot()
    {
        _dns.AddNullMx("nomail.test");

        var record = Assert.Single((await Client().QueryAsync("nomail.test", QueryType.MX)).Answers.MxRecords());

        Assert.Equal(0, record.Preference);
        Assert.Equal(".", record.Exchange.Value);
    }

    [Fact]
    public async Task Query_Aaaa_ReturnsTheAddress()
    {
        _dns.AddAaaa("v6.example.test", "2001:db8::25");

        var record = Assert.Single((await Client().QueryAsync("V6.Example.Test.", QueryType.AAAA)).Answers.AaaaRecords());

        Assert.Equal(IPAddress.Parse("2001:db8::25"), record.Address);
    }

    [Fact]
    public void AddA_Ipv6Address_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _dns.AddA("x.test", "::1"));
        Assert.Throws<ArgumentException>(() => _dns.AddAaaa("x.test", "127.0.0.1"));
    }

    [Fact]
    public void Endpoint_IsAddressColonPort()
    {
        Assert.Equal($"127.0.0.1:{_dns.ListenEndPoint.Port}", _dns.Endpoint);
    }
}
