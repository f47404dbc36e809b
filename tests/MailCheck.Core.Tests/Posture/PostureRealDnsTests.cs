using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.TlsRpt;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Posture.Dkim;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Posture;

/// <summary>The authentication stages over a real DNS server on loopback, through <see cref="DnsClientQuerier"/>.</summary>
public sealed class PostureRealDnsTests : IAsyncLifetime
{
    private readonly InProcessDnsServer _dns = InProcessDnsServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    private PostureHarness Harness(string domain = "example.test", string[]? selectors = null) => new(domain, selectors, querier: new DnsClientQuerier(
        Options.Create(new DnsOptions { Servers = [_dns.Endpoint], Timeout = TimeSpan.FromSeconds(2), Retries = 0 }), TimeProvider.System));

    [Fact]
    public async Task DmarcStage_RecordInSeveralStringsAtTheOrganizationalDomain_JoinedAndInherited()
    {
        _dns.AddTxtStrings("_dmarc.example.test", "v=DMARC1; p=quarantine; ", "sp=reject; rua=mailto:d@example.test")
            .AddMx("mail.example.test", 10, "mx.example.test");
        var h = Harness("mail.example.test");

        var detail = await h.RunAsync<DmarcDetail>(new DmarcStage(), EventKind.Dmarc);

        Assert.Equal("example.test", detail.PolicyDomain);
        Assert.Equal("sp=reject", detail.Policy);
        Assert.Equal(ScoreStatus.Pass, h.Item(ScorecardIds.Dmarc).Status);
        Assert.Equal(["_dmarc.mail.example.test", "_dmarc.example.test", "_dmarc.test"], _dns.Queries.Where(q => q.Name.StartsWith("_dmarc", StringComparison.Ordinal)).Select(q => q.Name.TrimEnd('.')));
    }

    [Fact]
    public async Task DmarcStage_ServFailMidWalk_NotTested()
    {
        _dns.ServFail("_dmarc.example.test");
        var h = Harness("mail.example.test");

        await h.RunAsync<DmarcDetail>(new DmarcStage(), EventKind.Dmarc);

        var item = h.Item(ScorecardIds.Dmarc);
        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Contains("SERVFAIL", item.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DkimStage_CnameToALongKeySplitIntoStrings_FollowedAndMeasured()
    {
        var key = DkimTestKeys.Record(DkimTestKeys.Rsa(2048));
        _dns.AddCname("selector1._domainkey.example.test", "selector1-example-test._domainkey.tenant.example.net")
            .AddTxt("selector1-example-test._domainkey.tenant.example.net", key);
        var h = Harness();

        var detail = await h.RunAsync<DkimDetail>(new DkimStage(), EventKind.Dkim);

        Assert.True(detail.DomainKeyExists);
        var found = Assert.Single(detail.Selectors);
        Assert.Equal(2048, found.Lookup.Key!.Bits);
        Assert.Equal("selector1-example-test._domainkey.tenant.example.net", found.Lookup.CnameTarget);
        Assert.Equal(ScoreStatus.Pass, h.Item(ScorecardIds.Dkim).Status);
    }

    [Fact]
    public async Task DkimStage_NoDomainKeyName_OneQueryOnly()
    {
        _dns.AddMx("example.test", 10, "mx.example.test");
        var h = Harness();

        await h.RunAsync<DkimDetail>(new DkimStage(), EventKind.Dkim);

        Assert.Single(_dns.Queries, q => q.Name.Contains("_domainkey", StringComparison.Ordinal));
        Assert.Equal(ScoreStatus.Info, h.Item(ScorecardIds.Dkim).Status);
    }

    [Fact]
    public async Task TlsRptStage_ValidRecord_Pass()
    {
        _dns.AddTxt("_smtp._tls.example.test", "v=TLSRPTv1; rua=mailto:tls@example.test");
        var h = Harness();

        await h.RunAsync<TlsRptDetail>(new TlsRptStage(), EventKind.TlsRpt);

        Assert.Equal(ScoreStatus.Pass, h.Item(ScorecardIds.TlsRpt).Status);
    }
}
