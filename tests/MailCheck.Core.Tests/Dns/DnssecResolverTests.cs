using MailCheck.Core.Dns;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Dns;

/// <summary>Whether MailCheck believes its resolver's AD flag (RFC 4035 §4.9.3) and whether the resolver validates.</summary>
public class DnssecResolverTests
{
    private static DnssecResolver Resolver(IDnsQuerier querier, DnsOptions options) =>
        new(querier, Options.Create(options), TimeProvider.System, NullLogger<DnssecResolver>.Instance);

    [Theory]
    [InlineData("127.0.0.1:5353", true)]
    [InlineData("[::1]:53", true)]
    [InlineData("127.0.0.53", true)]
    [InlineData("192.0.2.53", false)]
    [InlineData("10.0.0.2:53", false)]
    public void Trust_Auto_OnlyLoopback(string server, bool trusted)
    {
        var (isTrusted, reason) = DnssecResolver.Trust(new DnsOptions { Servers = [server] });

        Assert.Equal(trusted, isTrusted);
        Assert.Contains(trusted ? "is on loopback" : "is not on loopback", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_OneServerOffLoopback_NotTrusted()
    {
        var (trusted, reason) = DnssecResolver.Trust(new DnsOptions { Servers = ["127.0.0.1", "192.0.2.53"] });

        Assert.False(trusted);
        Assert.Contains("192.0.2.53:53 is not on loopback", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", "192.0.2.53", true)]
    [InlineData("TRUE", "192.0.2.53", true)]
    [InlineData("false", "127.0.0.1", false)]
    [InlineData("auto", "127.0.0.1", true)]
    public void Trust_OptionOverrides(string option, string server, bool trusted)
    {
        var (isTrusted, _) = DnssecResolver.Trust(new DnsOptions { Servers = [server], TrustAuthenticatedData = option });

        Assert.Equal(trusted, isTrusted);
    }

    [Fact]
    public async Task GetStatusAsync_ProbeAnsweredWithAd_Validates()
    {
        var zone = new StaticDnsQuerier().Sign("dane.test").AddRecord(new DnsRecord { Name = "dane.test", Type = DnsRecordType.SOA, Ttl = 300, Data = "ns.dane.test. hostmaster.dane.test. 1 3600 600 86400 300" });
        var resolver = Resolver(zone, new DnsOptions { Servers = ["127.0.0.1:15362"], DnssecProbeName = "dane.test" });

        var status = await resolver.GetStatusAsync(CancellationToken.None);

        Assert.True(status.CanVerify);
        Assert.Equal("dane.test SOA came back with the AD flag", status.Validation);
        Assert.Equal(("dane.test", DnsRecordType.SOA), Assert.Single(zone.Queries));
        await resolver.GetStatusAsync(CancellationToken.None);
        Assert.Single(zone.Queries);
    }

    [Fact]
    public async Task GetStatusAsync_ProbeAnsweredWithoutAd_DoesNotValidate()
    {
        var resolver = Resolver(new StaticDnsQuerier(), new DnsOptions { Servers = ["127.0.0.1"] });

        var status = await resolver.GetStatusAsync(CancellationToken.None);

        Assert.False(status.Validates);
        Assert.StartsWith("DNSSEC and DANE could not be verified: the DNS resolver does not validate (. SOA came back without the AD flag", status.Unverifiable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_ProbeFails_UnknownAndLearnsFromALaterAd()
    {
        var zone = new StaticDnsQuerier().SetStatus(".", DnsResponseStatus.Refused);
        var resolver = Resolver(zone, new DnsOptions { Servers = ["127.0.0.1"] });

        var status = await resolver.GetStatusAsync(CancellationToken.None);
        Assert.Null(status.Validates);
        Assert.Contains("asking . SOA failed: REFUSED", status.Unverifiable, StringComparison.Ordinal);

        resolver.Observe(new DnsAnswer { Name = "good.dane.test", Type = DnsRecordType.MX, Status = DnsResponseStatus.NoError, AuthenticatedData = true });
        Assert.True(resolver.Current.CanVerify);
        Assert.Equal("good.dane.test MX came back with the AD flag", resolver.Current.Validation);
    }

    [Fact]
    public async Task GetStatusAsync_AdNotTrusted_SendsNothing()
    {
        var zone = new StaticDnsQuerier();
        var resolver = Resolver(zone, new DnsOptions { Servers = ["192.0.2.53"] });

        var status = await resolver.GetStatusAsync(CancellationToken.None);

        Assert.False(status.AdTrusted);
        Assert.Empty(zone.Queries);
    }

    [Theory]
    [InlineData(".", true)]
    [InlineData("dane.test", true)]
    [InlineData("dane.test.", true)]
    [InlineData("", false)]
    [InlineData("bad name", false)]
    [InlineData("a..b", false)]
    public void IsValidProbeName_Names(string name, bool valid) => Assert.Equal(valid, DnssecResolver.IsValidProbeName(name));

    [Fact]
    public void Validator_BadTrustAndProbeName_NameTheKeys()
    {
        var errors = DnsOptionsValidator.GetErrors(new DnsOptions { TrustAuthenticatedData = "maybe", DnssecProbeName = "not a name" });

        Assert.Contains(errors, e => e.StartsWith("MailCheck:Dns:TrustAuthenticatedData must be auto, true or false", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MailCheck:Dns:DnssecProbeName must be a DNS name", StringComparison.Ordinal));
    }
}
