using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcDiscoveryTests
{
    private readonly StaticDnsQuerier _zone = new();

    private CheckDns Dns(int budget = 150) => new(_zone, budget);

    private IEnumerable<string> Asked => _zone.Queries.Select(q => q.Name);

    [Fact]
    public void WalkDomains_FewLabels_EveryParentDownToTheTld()
    {
        Assert.Equal(["a.mail.example.com", "mail.example.com", "example.com", "com"], DmarcDiscovery.WalkDomains("a.mail.example.com"));
    }

    [Fact]
    public void WalkDomains_ManyLabels_JumpsToSevenLabelsAndAsksEightNames()
    {
        // The example of RFC 9989 §4.10.
        var names = DmarcDiscovery.WalkDomains("a.b.c.d.e.f.g.h.i.j.mail.example.com");

        Assert.Equal(
            ["a.b.c.d.e.f.g.h.i.j.mail.example.com", "g.h.i.j.mail.example.com", "h.i.j.mail.example.com", "i.j.mail.example.com",
             "j.mail.example.com", "mail.example.com", "example.com", "com"],
            names);
        Assert.Equal(DmarcDiscovery.MaxQueries, names.Count);
    }

    [Fact]
    public void WalkDomains_ExactlyEightLabels_EightNames()
    {
        Assert.Equal(8, DmarcDiscovery.WalkDomains("a.b.c.d.e.f.example.com").Count);
    }

    [Fact]
    public async Task DiscoverAsync_RecordAtTheDomain_ItsOwnAndItIsTheOrganizationalDomain()
    {
        _zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "Example.COM.", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.Found, result.Status);
        Assert.Equal("example.com", result.Domain);
        Assert.Equal("example.com", result.PolicyDomain);
        Assert.Equal("example.com", result.OrganizationalDomain);
        Assert.False(result.Inherited);
        Assert.Equal(["_dmarc.example.com", "_dmarc.com"], Asked);
    }

    [Fact]
    public async Task DiscoverAsync_RecordAtAnAncestor_InheritedFromTheOrganizationalDomain()
    {
        _zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.mail.example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.Found, result.Status);
        Assert.Equal("example.com", result.PolicyDomain);
        Assert.True(result.Inherited);
        Assert.Equal(["_dmarc.a.mail.example.com", "_dmarc.mail.example.com", "_dmarc.example.com", "_dmarc.com"], Asked);
        Assert.Equal(DmarcPolicy.Quarantine, result.PolicyFor(true)!.Policy);
    }

    [Fact]
    public async Task DiscoverAsync_VeryLongName_AtMostEightQueries()
    {
        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.mail.example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.NotFound, result.Status);
        Assert.Equal(DmarcDiscovery.MaxQueries, _zone.Queries.Count);
        Assert.Equal("_dmarc.m.n.o.p.mail.example.com", _zone.Queries[1].Name);
        Assert.Equal("_dmarc.com", _zone.Queries[^1].Name);
    }

    [Fact]
    public async Task DiscoverAsync_RecordsAtTwoAncestors_TheOrganizationalDomainsRecordApplies()
    {
        // RFC 9989 §4.10.2: the record with the fewest labels is the organizational domain; §4.10.1: its record applies.
        _zone.AddTxt("_dmarc.mail.example.com", "v=DMARC1; p=none")
            .AddTxt("_dmarc.example.com", "v=DMARC1; p=reject");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.mail.example.com", CancellationToken.None);

        Assert.Equal("example.com", result.OrganizationalDomain);
        Assert.Equal("example.com", result.PolicyDomain);
        Assert.Equal(DmarcPolicy.Reject, result.Record!.Policy);
    }

    [Fact]
    public async Task DiscoverAsync_PsdYesAtTheTld_OrganizationalDomainIsOneLabelBelowAndThePsdPolicyApplies()
    {
        _zone.AddTxt("_dmarc.com", "v=DMARC1; p=reject; psd=y");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.mail.example.com", CancellationToken.None);

        Assert.Equal("example.com", result.OrganizationalDomain);
        Assert.Equal(DmarcDiscoveryStatus.Found, result.Status);
        Assert.Equal("com", result.PolicyDomain);
        Assert.True(result.Inherited);
    }

    [Fact]
    public async Task DiscoverAsync_PsdNo_StopsTheWalkThere()
    {
        _zone.AddTxt("_dmarc.mail.example.com", "v=DMARC1; p=quarantine; psd=n")
            .AddTxt("_dmarc.example.com", "v=DMARC1; p=reject");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.mail.example.com", CancellationToken.None);

        Assert.Equal("mail.example.com", result.OrganizationalDomain);
        Assert.Equal("mail.example.com", result.PolicyDomain);
        Assert.Equal(["_dmarc.a.mail.example.com", "_dmarc.mail.example.com"], Asked);
    }

    [Fact]
    public async Task DiscoverAsync_SeveralRecordsAtTheDomain_TreatedAsNone()
    {
        _zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject").AddTxt("_dmarc.example.com", "v=DMARC1; p=none");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.NotFound, result.Status);
        Assert.True(result.Walk.Steps[0].HasSeveralRecords);
        Assert.Null(result.Walk.Steps[0].Record);
    }

    [Fact]
    public async Task DiscoverAsync_SeveralRecordsAtASubdomain_TheOrganizationalDomainsRecordApplies()
    {
        _zone.AddTxt("_dmarc.sub.example.com", "v=DMARC1; p=none").AddTxt("_dmarc.sub.example.com", "v=DMARC1; p=quarantine")
            .AddTxt("_dmarc.example.com", "v=DMARC1; p=reject");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "sub.example.com", CancellationToken.None);

        Assert.Equal("example.com", result.PolicyDomain);
    }

    [Fact]
    public async Task DiscoverAsync_NoRecordAnywhere_NotFoundAndTheDomainIsItsOwnOrganizationalDomain()
    {
        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "mail.example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.NotFound, result.Status);
        Assert.Equal("mail.example.com", result.OrganizationalDomain);
        Assert.Null(result.PolicyFor());
    }

    [Fact]
    public async Task DiscoverAsync_ServFailMidWalk_TemporaryErrorNeverNotFound()
    {
        _zone.SetStatus("_dmarc.example.com", DnsResponseStatus.ServFail).AddTxt("_dmarc.com", "v=DMARC1; p=none");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.TemporaryError, result.Status);
        Assert.Null(result.OrganizationalDomain);
        Assert.Equal("_dmarc.example.com", result.Walk.FailedStep!.Name);
        Assert.DoesNotContain("_dmarc.com", Asked);
    }

    [Fact]
    public async Task DiscoverAsync_OwnRecordThenTimeoutAbove_FoundWithUnknownOrganizationalDomain()
    {
        _zone.AddTxt("_dmarc.a.example.com", "v=DMARC1; p=reject").SetStatus("_dmarc.example.com", DnsResponseStatus.Timeout);

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "a.example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.Found, result.Status);
        Assert.Equal("a.example.com", result.PolicyDomain);
        Assert.Null(result.OrganizationalDomain);
    }

    [Fact]
    public async Task DiscoverAsync_BudgetUsedUp_TemporaryError()
    {
        var result = await DmarcDiscovery.DiscoverAsync(Dns(budget: 1), "a.example.com", CancellationToken.None);

        Assert.Equal(DmarcDiscoveryStatus.TemporaryError, result.Status);
        Assert.Equal(DnsResponseStatus.NotSent, result.Walk.FailedStep!.Status);
    }

    [Fact]
    public async Task DiscoverAsync_OtherTxtBesideTheRecord_Ignored()
    {
        _zone.AddTxt("_dmarc.example.com", "google-site-verification=abc").AddTxt("_dmarc.example.com", "v=DMARC1; p=quarantine");

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "example.com", CancellationToken.None);

        Assert.Equal(DmarcPolicy.Quarantine, result.Record!.Policy);
        Assert.Equal(["google-site-verification=abc"], result.Walk.Steps[0].OtherRecords);
    }

    [Fact]
    public async Task DiscoverAsync_RecordSplitIntoSeveralStrings_ReadAsOne()
    {
        var rua = string.Join(",", Enumerable.Range(1, 12).Select(i => $"mailto:dmarc-aggregate-{i}@example.com"));
        _zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=" + rua);

        var result = await DmarcDiscovery.DiscoverAsync(Dns(), "example.com", CancellationToken.None);

        Assert.Equal(12, result.Record!.AggregateReports.Count);
        Assert.All(result.Record.AggregateReports, u => Assert.True(u.IsValid));
    }

    [Theory]
    [InlineData("mail.example.com", "example.com")]
    [InlineData("example.com", "example.com")]
    [InlineData("other.test", "other.test")]
    public async Task OrganizationalDomainAsync_RecordAtExampleCom_FewestLabelsOrItself(string domain, string expected)
    {
        _zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=none");

        var walk = await DmarcDiscovery.OrganizationalDomainAsync(Dns(), domain, CancellationToken.None);

        Assert.Equal(expected, walk.OrganizationalDomain);
        Assert.True(walk.Complete);
    }

    [Fact]
    public async Task OrganizationalDomainAsync_PsdYesAtTheStart_TheDomainItself()
    {
        _zone.AddTxt("_dmarc.co.example", "v=DMARC1; p=reject; psd=y");

        var walk = await DmarcDiscovery.OrganizationalDomainAsync(Dns(), "co.example", CancellationToken.None);

        Assert.Equal("co.example", walk.OrganizationalDomain);
        Assert.Single(walk.Steps);
    }

    [Fact]
    public async Task DomainExistsAsync_EachAnswer_ExistsOnlyWithoutNxDomain()
    {
        _zone.AddAddress("web.example.com", "192.0.2.1").SetStatus("broken.example.com", DnsResponseStatus.ServFail);
        var dns = Dns();

        Assert.True(await DmarcDiscovery.DomainExistsAsync(dns, "web.example.com", CancellationToken.None));
        Assert.False(await DmarcDiscovery.DomainExistsAsync(dns, "nothing.example.com", CancellationToken.None));
        Assert.Null(await DmarcDiscovery.DomainExistsAsync(dns, "broken.example.com", CancellationToken.None));
    }
}
