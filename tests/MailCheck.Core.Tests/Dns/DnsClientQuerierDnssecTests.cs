using MailCheck.Core.Dns;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Dns;

/// <summary>The AD flag and the extended DNS error as a real resolver sends them, read off the wire by DnsClientQuerier.</summary>
public sealed class DnsClientQuerierDnssecTests : IAsyncDisposable
{
    private readonly InProcessDnsServer _dns = InProcessDnsServer.Start();

    private DnsClientQuerier Querier() => new(
        Options.Create(new DnsOptions { Servers = [_dns.Endpoint], Timeout = TimeSpan.FromSeconds(2), Retries = 0 }),
        TimeProvider.System);

    [Fact]
    public async Task QueryAsync_SignedZone_AdFlagRead()
    {
        _dns.Sign("dane.test").AddMx("good.dane.test", 10, "mx.good.dane.test").AddMx("plain.test", 10, "mx.plain.test");

        var signed = await Querier().QueryAsync("good.dane.test", DnsRecordType.MX, CancellationToken.None);
        var plain = await Querier().QueryAsync("plain.test", DnsRecordType.MX, CancellationToken.None);

        Assert.True(signed.AuthenticatedData);
        Assert.False(plain.AuthenticatedData);
    }

    [Fact]
    public async Task QueryAsync_ServFailWithExtendedError_CodeAndTextRead()
    {
        _dns.ExtendedError("_25._tcp.mx.bogus.dane.test", 6, "signature crypto failed");

        var answer = await Querier().QueryAsync("_25._tcp.mx.bogus.dane.test", DnsRecordType.TLSA, CancellationToken.None);

        Assert.Equal(DnsResponseStatus.ServFail, answer.Status);
        Assert.Equal(6, answer.ExtendedErrorCode);
        Assert.Equal("signature crypto failed", answer.ExtendedErrorText);
        Assert.Equal(DnssecState.Bogus, DnssecResolverStatus.Validating.Classify(answer));
    }

    [Fact]
    public async Task QueryAsync_PlainServFail_NoExtendedError()
    {
        _dns.ServFail("broken.test");

        var answer = await Querier().QueryAsync("broken.test", DnsRecordType.A, CancellationToken.None);

        Assert.Equal(DnsResponseStatus.ServFail, answer.Status);
        Assert.Null(answer.ExtendedErrorCode);
        Assert.Equal(DnssecState.Indeterminate, DnssecResolverStatus.Validating.Classify(answer));
    }

    public ValueTask DisposeAsync() => _dns.DisposeAsync();
}
