using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Posture.MtaSts;
using MailCheck.Core.Tls;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Https;
using MailCheck.Testing.Smtp;
using MailCheck.Testing.Tls;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Posture.MtaSts;

/// <summary>
/// The policy fetch against a real HTTPS server on loopback (TLS with a generated CA): what RFC 8461 §3.3 asks of a
/// sender — no redirects, text/plain, 64 KiB, a certificate for the policy host — and MailCheck's own safety rules.
/// The policy host's public address is mapped to the test server by the connector, so the fetch's DNS, safety policy
/// and exact-address connection are the real ones.
/// </summary>
public sealed class MtaStsFetcherTests : IAsyncDisposable
{
    private const string Host = "mta-sts.example.com";
    private const string Policy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";
    private static readonly IPAddress Public = IPAddress.Parse("203.0.113.10");
    private readonly TestCertificateAuthority _ca = new("Fetch Test Root");
    private readonly string _pem;
    private readonly CertificateTrust _trust;
    private readonly StaticDnsQuerier _zone = new();
    private readonly MappedConnector _connector = new();
    private readonly List<TestHttpsServer> _servers = [];

    public MtaStsFetcherTests()
    {
        _pem = _ca.WriteRootPem();
        _trust = CertificateTrust.FromFile(_pem);
        _zone.AddAddress(Host, Public.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _servers)
        {
            await s.DisposeAsync();
        }

        _trust.Dispose();
        _ca.Dispose();
        File.Delete(_pem);
    }

    [Fact]
    public async Task FetchAsync_TextPlainPolicy_FetchedFromTheExactAddressOnPort443WithSni()
    {
        var server = Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy));

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.Fetched, fetch.Status);
        Assert.Equal(Policy, fetch.Body);
        Assert.Equal(200, fetch.HttpStatus);
        Assert.Equal("203.0.113.10", fetch.Address);
        Assert.Equal("https://mta-sts.example.com/.well-known/mta-sts.txt", fetch.Url);
        Assert.Equal(new IPEndPoint(Public, 443), Assert.Single(_connector.Attempts));
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/.well-known/mta-sts.txt", request.Target);
        Assert.Equal(Host, request.Host);
        Assert.Equal(Host, request.ServerName);
        Assert.True(fetch.Certificate!.ChainValid);
        Assert.True(fetch.Certificate.TrustedByExtraCa);
        Assert.True(fetch.Certificate.NameMatches);
        Assert.Null(fetch.Note);
    }

    [Fact]
    public async Task FetchAsync_Redirect_NotFollowed()
    {
        var server = Serve(_ca.Issue(Host), _ => new TestHttpResponse { Status = 301, Headers = new Dictionary<string, string> { ["Location"] = "https://www.example.com/mta-sts.txt" } });

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.Redirect, fetch.Status);
        Assert.Equal(301, fetch.HttpStatus);
        Assert.Equal("https://www.example.com/mta-sts.txt", fetch.Location);
        Assert.Contains("a redirect to https://www.example.com/mta-sts.txt", fetch.Error, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Single(_connector.Attempts);
    }

    [Fact]
    public async Task FetchAsync_HtmlContentType_WrongContentTypeBodyKept()
    {
        Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy, "text/html; charset=utf-8"));

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.WrongContentType, fetch.Status);
        Assert.Equal(Policy, fetch.Body);
        Assert.Contains("Content-Type text/html; charset=utf-8, not text/plain", fetch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_NoContentType_WrongContentType()
    {
        Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy, contentType: null));

        Assert.Equal(MtaStsFetchStatus.WrongContentType, (await FetchAsync()).Status);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", null)]
    [InlineData("TEXT/PLAIN; charset=US-ASCII", null)]
    [InlineData("text/plain;charset=\"utf-8\"", null)]
    [InlineData("text/plain; charset=iso-8859-1", "iso-8859-1")]
    public async Task FetchAsync_TextPlainWithParameters_FetchedWithANoteForOddCharsets(string contentType, string? note)
    {
        Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy, contentType));

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.Fetched, fetch.Status);
        if (note is null)
        {
            Assert.Null(fetch.Note);
        }
        else
        {
            Assert.Contains(note, fetch.Note, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FetchAsync_BodyOver64KiB_TooLarge(bool omitContentLength)
    {
        var body = Encoding.ASCII.GetBytes(Policy + new string('#', MtaStsFetcher.MaxBodyBytes));
        Serve(_ca.Issue(Host), _ => new TestHttpResponse { Body = body, OmitContentLength = omitContentLength });

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.TooLarge, fetch.Status);
        Assert.Null(fetch.Body);
    }

    [Fact]
    public async Task FetchAsync_BodyOfExactly64KiB_Fetched()
    {
        var body = Encoding.ASCII.GetBytes(Policy.PadRight(MtaStsFetcher.MaxBodyBytes, 'x'));
        Serve(_ca.Issue(Host), _ => new TestHttpResponse { Body = body, OmitContentLength = true });

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.Fetched, fetch.Status);
        Assert.Equal(MtaStsFetcher.MaxBodyBytes, fetch.Body!.Length);
    }

    [Fact]
    public async Task FetchAsync_SlowServer_TimeoutWithinTheLimit()
    {
        Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy) with { Delay = TimeSpan.FromSeconds(20) });

        var fetch = await FetchAsync(timeout: TimeSpan.FromSeconds(1)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(MtaStsFetchStatus.Timeout, fetch.Status);
        Assert.Equal("no complete answer within 1 s", fetch.Error);
    }

    [Fact]
    public async Task FetchAsync_CertificateForAnotherName_CertificateInvalid()
    {
        Serve(_ca.Issue("www.example.com"), _ => TestHttpResponse.Text(Policy));

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.CertificateInvalid, fetch.Status);
        Assert.False(fetch.Certificate!.NameMatches);
        Assert.True(fetch.Certificate.ChainValid);
        Assert.Contains("does not name mta-sts.example.com", fetch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_NameOnlyInTheCommonName_CertificateInvalid()
    {
        Serve(_ca.Issue([Host], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), subjectAltName: false), _ => TestHttpResponse.Text(Policy));

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.CertificateInvalid, fetch.Status);
        Assert.False(fetch.Certificate!.NameMatches);
    }

    [Fact]
    public async Task FetchAsync_WildcardCertificate_Fetched()
    {
        Serve(_ca.Issue("*.example.com"), _ => TestHttpResponse.Text(Policy));

        Assert.Equal(MtaStsFetchStatus.Fetched, (await FetchAsync()).Status);
    }

    [Fact]
    public async Task FetchAsync_PrivateCaWithoutTheExtraFile_CertificateInvalid()
    {
        Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy));

        var fetch = await FetchAsync(trust: CertificateTrust.SystemOnly);

        Assert.Equal(MtaStsFetchStatus.CertificateInvalid, fetch.Status);
        Assert.False(fetch.Certificate!.ChainValid);
        Assert.Contains("chain does not validate", fetch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_SelfSignedCertificate_CertificateInvalid()
    {
        Serve(TestCertificates.CreateSelfSigned(Host), _ => TestHttpResponse.Text(Policy));

        Assert.Equal(MtaStsFetchStatus.CertificateInvalid, (await FetchAsync()).Status);
    }

    [Fact]
    public async Task FetchAsync_Expired_CertificateInvalid()
    {
        Serve(_ca.Issue([Host], DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-1)), _ => TestHttpResponse.Text(Policy));

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.CertificateInvalid, fetch.Status);
        Assert.Contains(fetch.Certificate!.ChainErrors, e => e.StartsWith("NotTimeValid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAsync_NotFound_HttpError()
    {
        Serve(_ca.Issue(Host), _ => new TestHttpResponse { Status = 404, Body = Encoding.ASCII.GetBytes("no") });

        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.HttpError, fetch.Status);
        Assert.Equal("mta-sts.example.com answered 404 Not Found", fetch.Error);
    }

    [Fact]
    public async Task FetchAsync_NotUtf8_BadResponse()
    {
        Serve(_ca.Issue(Host), _ => new TestHttpResponse { Body = [0x76, 0xFF, 0xFE, 0x0A] });

        Assert.Equal(MtaStsFetchStatus.BadResponse, (await FetchAsync()).Status);
    }

    [Fact]
    public async Task FetchAsync_NoSuchHost_NoPolicyHostNothingConnected()
    {
        var fetch = await FetchAsync(domain: "nothing.example");

        Assert.Equal(MtaStsFetchStatus.NoPolicyHost, fetch.Status);
        Assert.Equal("mta-sts.nothing.example does not exist (NXDOMAIN)", fetch.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task FetchAsync_AddressLookupFails_DnsFailed()
    {
        _zone.SetStatus("mta-sts.broken.example", DnsResponseStatus.ServFail);

        var fetch = await FetchAsync(domain: "broken.example");

        Assert.Equal(MtaStsFetchStatus.DnsFailed, fetch.Status);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task FetchAsync_PrivateAddress_BlockedLikeAnMxNothingConnected()
    {
        _zone.AddAddress("mta-sts.inside.example", "10.0.0.5");
        var safety = new SafetyTargetPolicy(new SafetyOptions());

        var fetch = await FetchAsync(domain: "inside.example", policy: safety);

        Assert.Equal(MtaStsFetchStatus.Blocked, fetch.Status);
        Assert.Contains("10.0.0.5 is in 10.0.0.0/8", fetch.Error, StringComparison.Ordinal);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task FetchAsync_OneAddressBlocked_OnlyTheAllowedOneIsContacted()
    {
        _zone.AddAddress(Host, "10.0.0.5");
        Serve(_ca.Issue(Host), _ => TestHttpResponse.Text(Policy));

        var fetch = await FetchAsync(policy: new OnlyPolicy(Public));

        Assert.Equal(MtaStsFetchStatus.Fetched, fetch.Status);
        Assert.Equal(new IPEndPoint(Public, 443), Assert.Single(_connector.Attempts));
    }

    [Fact]
    public async Task FetchAsync_FirstAddressRefuses_TheNextIsTried()
    {
        _zone.AddAddress("mta-sts.two.example", "203.0.113.20");
        _zone.AddAddress("mta-sts.two.example", "203.0.113.21");
        var server = TestHttpsServer.Start(_ca.Issue("mta-sts.two.example"), _ => TestHttpResponse.Text(Policy));
        _servers.Add(server);
        _connector.Map(IPAddress.Parse("203.0.113.21"), 443, server.EndPoint);

        var fetch = await FetchAsync(domain: "two.example");

        Assert.Equal(MtaStsFetchStatus.Fetched, fetch.Status);
        Assert.Equal("203.0.113.21", fetch.Address);
        Assert.Equal(["203.0.113.20", "203.0.113.21"], _connector.Attempts.Select(a => a.Address.ToString()));
    }

    [Fact]
    public async Task FetchAsync_NothingListens_ConnectFailed()
    {
        var fetch = await FetchAsync();

        Assert.Equal(MtaStsFetchStatus.ConnectFailed, fetch.Status);
        Assert.StartsWith("no connection to port 443: 203.0.113.10:", fetch.Error, StringComparison.Ordinal);
    }

    private TestHttpsServer Serve(X509Certificate2 certificate, Func<TestHttpRequest, TestHttpResponse> handler)
    {
        var server = TestHttpsServer.Start(certificate, handler);
        _servers.Add(server);
        _connector.Map(Public, 443, server.EndPoint);
        return server;
    }

    private Task<MtaStsFetch> FetchAsync(string domain = "example.com", TimeSpan? timeout = null, CertificateTrust? trust = null, ITargetPolicy? policy = null)
    {
        var fetcher = new MtaStsFetcher(_connector, policy ?? AllowAllTargetPolicy.Instance, trust ?? _trust,
            Options.Create(new MtaStsOptions { FetchTimeout = timeout ?? TimeSpan.FromSeconds(10) }), TimeProvider.System);
        return fetcher.FetchAsync(domain, new CheckDns(_zone, 150), CancellationToken.None);
    }

    private sealed class OnlyPolicy(IPAddress allowed) : ITargetPolicy
    {
        public TargetDecision Evaluate(IPAddress address, int port) => EvaluateAddress(address);

        public TargetDecision EvaluateAddress(IPAddress address) =>
            address.Equals(allowed) ? TargetDecision.Allow : TargetDecision.Block($"{address} is not {allowed}");
    }
}
