using MailCheck.Core.Posture.Dmarc;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcPolicyForTests
{
    private static DmarcDiscoveryResult Found(string record, string domain = "example.com", string policyDomain = "example.com") => new()
    {
        Domain = domain,
        Status = DmarcDiscoveryStatus.Found,
        Record = DmarcRecord.Parse(record),
        PolicyDomain = policyDomain,
        OrganizationalDomain = policyDomain,
        Walk = new DmarcTreeWalk { Domain = domain, Steps = [] },
    };

    [Fact]
    public void PolicyFor_OwnRecord_P()
    {
        var policy = Found("v=DMARC1; p=reject; sp=none; np=none").PolicyFor(true)!;

        Assert.Equal((DmarcPolicy.Reject, "p"), (policy.Policy, policy.Tag));
        Assert.Equal("p=reject", policy.ToString());
    }

    [Theory]
    [InlineData("reject", DmarcPolicy.Quarantine)]
    [InlineData("quarantine", DmarcPolicy.None)]
    [InlineData("none", DmarcPolicy.None)]
    public void PolicyFor_TestingMode_OneLevelBelow(string p, DmarcPolicy effective)
    {
        // RFC 9989 §4.7 t=y.
        var policy = Found($"v=DMARC1; p={p}; t=y").PolicyFor(true)!;

        Assert.Equal(effective, policy.Effective);
    }

    [Theory]
    [InlineData("v=DMARC1; p=reject; sp=quarantine; np=none", true, DmarcPolicy.Quarantine, "sp")]
    [InlineData("v=DMARC1; p=reject; sp=quarantine; np=none", false, DmarcPolicy.None, "np")]
    [InlineData("v=DMARC1; p=reject; sp=quarantine", false, DmarcPolicy.Quarantine, "sp")]
    [InlineData("v=DMARC1; p=reject", false, DmarcPolicy.Reject, "p")]
    [InlineData("v=DMARC1; p=reject; np=none", null, DmarcPolicy.Reject, "p")]
    public void PolicyFor_InheritedRecord_SpOrNpByExistence(string record, bool? exists, DmarcPolicy expected, string tag)
    {
        var policy = Found(record, domain: "sub.example.com").PolicyFor(exists)!;

        Assert.Equal((expected, tag), (policy.Policy, policy.Tag));
        Assert.Contains("RFC 9989", policy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyFor_NoP_TreatedAsNone()
    {
        Assert.Equal(DmarcPolicy.None, Found("v=DMARC1; rua=mailto:d@example.com").PolicyFor(true)!.Policy);
    }

    [Fact]
    public void PolicyFor_InvalidPolicyWithValidRua_ActsAsNone()
    {
        var policy = Found("v=DMARC1; p=block; rua=mailto:d@example.com").PolicyFor(true)!;

        Assert.Equal(DmarcPolicy.None, policy.Policy);
        Assert.Contains("§4.10.1", policy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyFor_InvalidSubdomainPolicyWithoutRua_NoDmarcProcessing()
    {
        Assert.Null(Found("v=DMARC1; p=reject; sp=maybe").PolicyFor(true));
    }
}
