using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcReportAuthorizationTests
{
    private readonly StaticDnsQuerier _zone = new StaticDnsQuerier().AddTxt("_dmarc.example.com", "v=DMARC1; p=none");

    private async Task<IReadOnlyList<DmarcReportDestination>> Check(string record) =>
        await DmarcReportAuthorization.CheckAsync(new CheckDns(_zone, 50), "example.com", "example.com", DmarcRecord.Parse(record)!, CancellationToken.None);

    [Fact]
    public async Task CheckAsync_AddressInTheOrganization_InternalWithoutAuthorizationQuery()
    {
        var destinations = await Check("v=DMARC1; p=none; rua=mailto:d@example.com,mailto:r@reports.example.com");

        Assert.Equal(["example.com", "reports.example.com"], destinations.Select(d => d.Host));
        Assert.All(destinations, d => Assert.Equal(DmarcReportAuthorizationStatus.Internal, d.Status));
        Assert.DoesNotContain(_zone.Queries, q => q.Name.Contains("._report._dmarc.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_ExternalHostWithRecord_Authorized()
    {
        _zone.AddTxt("example.com._report._dmarc.vendor.example.net", "v=DMARC1");

        var destination = Assert.Single(await Check("v=DMARC1; p=none; rua=mailto:d@vendor.example.net"));

        Assert.Equal(DmarcReportAuthorizationStatus.Authorized, destination.Status);
        Assert.Equal("example.com._report._dmarc.vendor.example.net", destination.QueryName);
    }

    [Fact]
    public async Task CheckAsync_ExternalHostWithoutRecord_NotAuthorized()
    {
        var destination = Assert.Single(await Check("v=DMARC1; p=none; rua=mailto:d@vendor.example.net"));

        Assert.Equal(DmarcReportAuthorizationStatus.NotAuthorized, destination.Status);
        Assert.Contains("NXDOMAIN", destination.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_SameHostInRuaAndRuf_AskedOnce()
    {
        var destinations = await Check("v=DMARC1; p=none; rua=mailto:a@vendor.example.net,mailto:b@vendor.example.net; ruf=mailto:f@vendor.example.net");

        var destination = Assert.Single(destinations);
        Assert.True(destination.Aggregate);
        Assert.True(destination.Failure);
        Assert.Equal(3, destination.Uris.Count);
        Assert.Single(_zone.Queries, q => q.Name == "example.com._report._dmarc.vendor.example.net");
    }

    [Fact]
    public async Task CheckAsync_OverrideAtTheSameHost_AuthorizedWithOverride()
    {
        _zone.AddTxt("example.com._report._dmarc.vendor.example.net", "v=DMARC1; rua=mailto:other@vendor.example.net");

        var destination = Assert.Single(await Check("v=DMARC1; p=none; rua=mailto:d@vendor.example.net"));

        Assert.Equal(DmarcReportAuthorizationStatus.Authorized, destination.Status);
        Assert.Equal("mailto:other@vendor.example.net", destination.Override);
    }

    [Fact]
    public async Task CheckAsync_OverrideToAnotherHost_NoReportAtAll()
    {
        _zone.AddTxt("example.com._report._dmarc.vendor.example.net", "v=DMARC1; rua=mailto:elsewhere@example.org");

        var destination = Assert.Single(await Check("v=DMARC1; p=none; rua=mailto:d@vendor.example.net"));

        Assert.Equal(DmarcReportAuthorizationStatus.OverrideRejected, destination.Status);
    }

    [Fact]
    public async Task CheckAsync_ServFail_CouldNotTest()
    {
        _zone.SetStatus("example.com._report._dmarc.vendor.example.net", DnsResponseStatus.ServFail);

        var destination = Assert.Single(await Check("v=DMARC1; p=none; rua=mailto:d@vendor.example.net"));

        Assert.Equal(DmarcReportAuthorizationStatus.CouldNotTest, destination.Status);
    }

    [Fact]
    public async Task CheckAsync_SubdomainThatIsItsOwnOrganization_NeedsAuthorization()
    {
        _zone.AddTxt("_dmarc.reports.example.com", "v=DMARC1; p=none; psd=n");

        var destination = Assert.Single(await Check("v=DMARC1; p=none; rua=mailto:d@reports.example.com"));

        Assert.Equal(DmarcReportAuthorizationStatus.NotAuthorized, destination.Status);
        Assert.Equal("example.com._report._dmarc.reports.example.com", destination.QueryName);
    }

    [Fact]
    public async Task CheckAsync_NameBeyondDnsLimits_NameTooLong()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('h', 60), 4)) + ".net";

        var destination = Assert.Single(await Check($"v=DMARC1; p=none; rua=mailto:d@{host}"));

        Assert.Equal(DmarcReportAuthorizationStatus.NameTooLong, destination.Status);
    }
}
