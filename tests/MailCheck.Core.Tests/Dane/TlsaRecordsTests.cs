using MailCheck.Core.Dane;
using static MailCheck.Core.Tests.Dane.DanePki;

namespace MailCheck.Core.Tests.Dane;

public sealed class TlsaRecordsTests : IDisposable
{
    private readonly DanePki _pki = new();

    [Theory]
    [InlineData(0, "PKIX-TA(0) is unusable for SMTP (RFC 7672 §3.1.3)")]
    [InlineData(1, "PKIX-EE(1) is unusable for SMTP (RFC 7672 §3.1.3)")]
    [InlineData(4, "certificate usage 4 is not defined")]
    public void WhyUnusable_Usages(int usage, string expected)
    {
        Assert.Contains(expected, TlsaRecords.WhyUnusable(Tlsa(usage, 1, 1, SpkiSha256(_pki.Leaf))), StringComparison.Ordinal);
    }

    [Fact]
    public void WhyUnusable_BadSelectorMatchingTypeOrLength_Explained()
    {
        Assert.Contains("selector 2 is not defined", TlsaRecords.WhyUnusable(Tlsa(3, 2, 1, SpkiSha256(_pki.Leaf))), StringComparison.Ordinal);
        Assert.Contains("matching type 3 is not defined", TlsaRecords.WhyUnusable(Tlsa(3, 1, 3, SpkiSha256(_pki.Leaf))), StringComparison.Ordinal);
        Assert.Contains("a SHA2-256 digest is 32 bytes, this one 31", TlsaRecords.WhyUnusable(Tlsa(3, 1, 1, SpkiSha256(_pki.Leaf)[2..])), StringComparison.Ordinal);
        Assert.Contains("a SHA2-512 digest is 64 bytes, this one 32", TlsaRecords.WhyUnusable(Tlsa(3, 1, 2, SpkiSha256(_pki.Leaf))), StringComparison.Ordinal);
        Assert.Contains("not a SubjectPublicKeyInfo", TlsaRecords.WhyUnusable(Tlsa(3, 1, 0, "0000")), StringComparison.Ordinal);
        Assert.Contains("not a DER certificate", TlsaRecords.WhyUnusable(Tlsa(2, 0, 0, "0000")), StringComparison.Ordinal);
    }

    [Fact]
    public void WhyUnusable_WellFormedRecords_Usable()
    {
        Assert.Null(TlsaRecords.WhyUnusable(Tlsa(3, 1, 1, SpkiSha256(_pki.Leaf))));
        Assert.Null(TlsaRecords.WhyUnusable(Tlsa(3, 1, 0, Spki(_pki.Leaf))));
        Assert.Null(TlsaRecords.WhyUnusable(Tlsa(2, 0, 0, Hex(_pki.Root.Certificate.RawData))));
        Assert.Null(TlsaRecords.WhyUnusable(Tlsa(2, 0, 2, CertSha512(_pki.Root.Certificate))));
    }

    [Fact]
    public void ApplyDigestAgility_Sha512Present_Sha256OfSameUsageAndSelectorIgnored()
    {
        var ee311 = Tlsa(3, 1, 1, SpkiSha256(_pki.Leaf));
        var ee312 = Tlsa(3, 1, 2, SpkiSha512(_pki.Leaf));
        var ee301 = Tlsa(3, 0, 1, CertSha256(_pki.Leaf));
        var ee310 = Tlsa(3, 1, 0, Spki(_pki.Leaf));

        var (used, ignored) = TlsaRecords.ApplyDigestAgility([ee311, ee312, ee301, ee310]);

        Assert.Equal([ee312, ee301, ee310], used);
        Assert.Equal([ee311], ignored);
    }

    [Fact]
    public void Association_EachSelectorAndMatchingType_MatchesIndependentComputation()
    {
        Assert.Equal(_pki.Leaf.RawData, TlsaRecords.Association(_pki.Leaf, 0, 0));
        Assert.Equal(CertSha256(_pki.Leaf), Hex(TlsaRecords.Association(_pki.Leaf, 0, 1)));
        Assert.Equal(CertSha512(_pki.Leaf), Hex(TlsaRecords.Association(_pki.Leaf, 0, 2)));
        Assert.Equal(Spki(_pki.Leaf), Hex(TlsaRecords.Association(_pki.Leaf, 1, 0)));
        Assert.Equal(SpkiSha256(_pki.Leaf), Hex(TlsaRecords.Association(_pki.Leaf, 1, 1)));
        Assert.Equal(SpkiSha512(_pki.Leaf), Hex(TlsaRecords.Association(_pki.Leaf, 1, 2)));
    }

    [Fact]
    public void Describe_LongData_Shortened()
    {
        var text = TlsaRecords.Describe(Tlsa(3, 1, 2, SpkiSha512(_pki.Leaf).ToLowerInvariant()));

        Assert.StartsWith("3 1 2 " + SpkiSha512(_pki.Leaf)[..64], text, StringComparison.Ordinal);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.Equal("DANE-TA(2) Cert(0) SHA2-256(1)", TlsaRecords.Mnemonic(Tlsa(2, 0, 1, "00")));
    }

    public void Dispose() => _pki.Dispose();
}
