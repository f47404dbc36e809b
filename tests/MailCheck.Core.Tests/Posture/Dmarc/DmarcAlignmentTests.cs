using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcAlignmentTests
{
    private readonly StaticDnsQuerier _zone = new StaticDnsQuerier().AddTxt("_dmarc.example.com", "v=DMARC1; p=reject");

    [Theory]
    [InlineData("news.example.com", "NEWS.example.com.", DmarcAlignmentMode.Strict, true)]
    [InlineData("news.example.com", "foo.example.com", DmarcAlignmentMode.Strict, false)]
    [InlineData("news.example.com", "foo.example.com", DmarcAlignmentMode.Relaxed, true)]
    public void IsAligned_KnownOrganizationalDomains_PerMode(string author, string identifier, DmarcAlignmentMode mode, bool expected)
    {
        // RFC 9989 §4.4, Table 1.
        Assert.Equal(expected, DmarcAlignment.IsAligned(author, identifier, mode, "example.com", "example.com"));
    }

    [Fact]
    public void IsAligned_DifferentOrganizations_NotAligned()
    {
        Assert.False(DmarcAlignment.IsAligned("news.example.com", "foo.example.net", DmarcAlignmentMode.Relaxed, "example.com", "example.net"));
    }

    [Fact]
    public async Task CheckAsync_SiblingSubdomainsRelaxed_AlignedThroughTheirOrganizationalDomain()
    {
        var check = await DmarcAlignment.CheckAsync(new CheckDns(_zone, 50), "news.example.com", "foo.example.com", DmarcAlignmentMode.Relaxed, CancellationToken.None);

        Assert.True(check.Aligned);
        Assert.Equal("example.com", check.AuthorOrganizationalDomain);
        Assert.Equal("example.com", check.IdentifierOrganizationalDomain);
        Assert.Contains("RFC 9989 §3.2.10.1", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_OtherOrganization_NotAligned()
    {
        _zone.AddTxt("_dmarc.example.net", "v=DMARC1; p=none");

        var check = await DmarcAlignment.CheckAsync(new CheckDns(_zone, 50), "example.com", "mail.example.net", DmarcAlignmentMode.Relaxed, CancellationToken.None);

        Assert.False(check.Aligned);
        Assert.Equal("example.net", check.IdentifierOrganizationalDomain);
    }

    [Fact]
    public async Task CheckAsync_IdenticalNames_AlignedWithoutAnyQuery()
    {
        var check = await DmarcAlignment.CheckAsync(new CheckDns(_zone, 50), "example.com", "Example.com", DmarcAlignmentMode.Relaxed, CancellationToken.None);

        Assert.True(check.Aligned);
        Assert.Empty(_zone.Queries);
    }

    [Fact]
    public async Task CheckAsync_StrictSubdomain_NotAlignedWithoutAnyQuery()
    {
        var check = await DmarcAlignment.CheckAsync(new CheckDns(_zone, 50), "example.com", "mail.example.com", DmarcAlignmentMode.Strict, CancellationToken.None);

        Assert.False(check.Aligned);
        Assert.Empty(_zone.Queries);
        Assert.Contains("RFC 9989 §3.2.10.2", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_PsdNoOnASubdomain_ItIsItsOwnOrganization()
    {
        _zone.AddTxt("_dmarc.mail.example.com", "v=DMARC1; p=none; psd=n");

        var check = await DmarcAlignment.CheckAsync(new CheckDns(_zone, 50), "example.com", "bounce.mail.example.com", DmarcAlignmentMode.Relaxed, CancellationToken.None);

        Assert.False(check.Aligned);
        Assert.Equal("mail.example.com", check.IdentifierOrganizationalDomain);
    }

    [Fact]
    public async Task CheckAsync_ServFail_UnknownNotFalse()
    {
        _zone.SetStatus("_dmarc.bounce.example.com", DnsResponseStatus.ServFail);

        var check = await DmarcAlignment.CheckAsync(new CheckDns(_zone, 50), "example.com", "bounce.example.com", DmarcAlignmentMode.Relaxed, CancellationToken.None);

        Assert.Null(check.Aligned);
        Assert.Contains("SERVFAIL", check.Explanation, StringComparison.Ordinal);
    }
}
