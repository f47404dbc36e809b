using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcEvaluatorTests
{
    private readonly StaticDnsQuerier _zone = new StaticDnsQuerier()
        .AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; np=reject")
        .AddMx("example.com", 10, "mx.example.com")
        .AddMx("news.example.com", 10, "mx.example.com");

    private Task<DmarcVerdict> Evaluate(DmarcIdentifiers identifiers) =>
        DmarcEvaluator.EvaluateAsync(new CheckDns(_zone, 50), identifiers, CancellationToken.None);

    [Fact]
    public async Task EvaluateAsync_SpfDomainOfTheSameOrganization_Pass()
    {
        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "example.com", SpfDomain = "bounce.example.com" });

        Assert.Equal(DmarcResult.Pass, verdict.Result);
        Assert.True(verdict.Spf!.Aligned);
        Assert.Contains("RFC 9989", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_NothingAuthenticated_FailNamingThePolicy()
    {
        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "example.com" });

        Assert.Equal(DmarcResult.Fail, verdict.Result);
        Assert.Equal(DmarcPolicy.Reject, verdict.Policy!.Policy);
        Assert.StartsWith("fails DMARC at example.com (p=reject)", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains("RFC 9989 §5.3.5", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_UnalignedIdentifiers_FailExplainingEach()
    {
        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "example.com", SpfDomain = "mailcheck.test", DkimDomains = ["esp.example.net"] });

        Assert.Equal(DmarcResult.Fail, verdict.Result);
        Assert.False(verdict.Spf!.Aligned);
        Assert.False(Assert.Single(verdict.Dkim).Aligned);
        Assert.Contains("esp.example.net", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_DkimOfTheParentUnderStrictAlignment_Fail()
    {
        _zone.AddTxt("_dmarc.news.example.com", "v=DMARC1; p=quarantine; adkim=s");

        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "news.example.com", DkimDomains = ["example.com"] });

        Assert.Equal(DmarcResult.Fail, verdict.Result);
        Assert.Equal("p=quarantine", verdict.Policy!.ToString());
    }

    [Fact]
    public async Task EvaluateAsync_ExistingSubdomainWithoutRecord_SubdomainPolicy()
    {
        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "news.example.com" });

        Assert.Equal("sp=quarantine", verdict.Policy!.ToString());
    }

    [Fact]
    public async Task EvaluateAsync_NonExistentSubdomain_NpAsksDnsWhetherItExists()
    {
        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "nowhere.example.com" });

        Assert.Equal("np=reject", verdict.Policy!.ToString());
        Assert.Contains(_zone.Queries, q => q is { Name: "nowhere.example.com", Type: DnsRecordType.MX });
    }

    [Fact]
    public async Task EvaluateAsync_NoRecord_None()
    {
        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "example.org", SpfDomain = "example.org" });

        Assert.Equal(DmarcResult.None, verdict.Result);
        Assert.Null(verdict.Policy);
    }

    [Fact]
    public async Task EvaluateAsync_ServFail_TempError()
    {
        _zone.SetStatus("_dmarc.example.org", DnsResponseStatus.ServFail);

        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "example.org" });

        Assert.Equal(DmarcResult.TempError, verdict.Result);
        Assert.Contains("RFC 9989 §5.3.6", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_InvalidPolicyWithoutRua_PermError()
    {
        _zone.AddTxt("_dmarc.example.org", "v=DMARC1; p=deny");

        var verdict = await Evaluate(new DmarcIdentifiers { AuthorDomain = "example.org" });

        Assert.Equal(DmarcResult.PermError, verdict.Result);
    }
}
