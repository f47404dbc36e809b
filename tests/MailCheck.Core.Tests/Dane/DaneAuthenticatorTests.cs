using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Dane;
using MailCheck.Core.Dns;
using MailCheck.Testing.Smtp;
using static MailCheck.Core.Tests.Dane.DanePki;

namespace MailCheck.Core.Tests.Dane;

/// <summary>TLSA records against real certificate chains made here: every usage, selector and matching type (RFC 6698 §2.1, RFC 7671 §5, RFC 7672 §3).</summary>
public sealed class DaneAuthenticatorTests : IDisposable
{
    private static readonly string[] Mx = ["mx1.example.com"];
    private readonly DanePki _pki = new();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private DaneAuthentication Run(IReadOnlyList<byte[]> presented, params TlsaData[] records) =>
        DaneAuthenticator.Authenticate(records, presented, Mx, _now);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    public void Authenticate_DaneEeEverySelectorAndMatchingType_Matches(int selector, int matchingType)
    {
        var data = Hex(TlsaRecords.Association(_pki.Leaf, selector, matchingType));

        var result = Run([_pki.Leaf.RawData], Tlsa(3, selector, matchingType, data));

        Assert.True(result.Authenticated, result.Summary);
        Assert.Contains("DANE-EE(3) authenticates it whatever its names and dates (RFC 7672 §3.1.1)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneEeWithWrongNameAndExpiredSelfSignedCertificate_StillMatches()
    {
        using var expired = TestCertificates.Create(["other.example.net"], _now.AddYears(-2), _now.AddYears(-1));

        var result = Run([expired.RawData], Tlsa(3, 1, 1, SpkiSha256(expired)));

        Assert.True(result.Authenticated, result.Summary);
    }

    [Fact]
    public void Authenticate_DaneEeMismatch_ShowsPublishedAndPresentedDigests()
    {
        using var other = TestCertificates.CreateSelfSigned("mx1.example.com");

        var result = Run([_pki.Leaf.RawData], Tlsa(3, 1, 1, SpkiSha256(other)));

        Assert.False(result.Authenticated);
        Assert.Equal("no TLSA record matches the certificate chain the server presented (RFC 7672 §3)", result.Summary);
        var comparison = Assert.Single(result.Comparisons);
        Assert.Equal("3 1 1 " + SpkiSha256(other), comparison.Expected);
        Assert.Equal([$"depth 0 (CN=mx1.example.com): 3 1 1 {SpkiSha256(_pki.Leaf)}"], comparison.Presented);
    }

    [Fact]
    public void Authenticate_DaneEeRecordOfTheIntermediate_DoesNotMatchAtDepthZero()
    {
        var result = Run(_pki.FullChain, Tlsa(3, 1, 1, SpkiSha256(_pki.Intermediate.Certificate)));

        Assert.False(result.Authenticated);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    public void Authenticate_DaneTaPresentedIntermediate_Matches(int selector, int matchingType)
    {
        var data = Hex(TlsaRecords.Association(_pki.Intermediate.Certificate, selector, matchingType));

        var result = Run([_pki.Leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, selector, matchingType, data));

        Assert.True(result.Authenticated, result.Summary);
        Assert.Contains("matches the trust anchor the presented certificate at depth 1 (CN=DANE Test Intermediate)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneTaPresentedRoot_Matches()
    {
        var result = Run(_pki.FullChain, Tlsa(2, 0, 1, CertSha256(_pki.Root.Certificate)));

        Assert.True(result.Authenticated, result.Summary);
        Assert.Contains("depth 2 (CN=DANE Test Root)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneTaDigestOfRootTheServerOmitted_NoMatch()
    {
        var result = Run([_pki.Leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 0, 1, CertSha256(_pki.Root.Certificate)));

        Assert.False(result.Authenticated);
        Assert.Equal([$"depth 1 (CN=DANE Test Intermediate): 2 0 1 {CertSha256(_pki.Intermediate.Certificate)}"], Assert.Single(result.Comparisons).Presented);
    }

    [Fact]
    public void Authenticate_DaneTaFullRootCertificateInDnsNotPresented_Matches()
    {
        var result = Run([_pki.Leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 0, 0, Hex(_pki.Root.Certificate.RawData)));

        Assert.True(result.Authenticated, result.Summary);
        Assert.Contains("the certificate in the TLSA record (CN=DANE Test Root)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneTaBareRootKeyInDnsNotPresented_MatchesBySignature()
    {
        var result = Run([_pki.Leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 1, 0, Spki(_pki.Root.Certificate)));

        Assert.True(result.Authenticated, result.Summary);
        Assert.Contains("holds the public key that signed the presented certificate at depth 1 (CN=DANE Test Intermediate)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneTaDigestOfRootKeyNotPresented_NoMatch()
    {
        var result = Run([_pki.Leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 1, 1, SpkiSha256(_pki.Root.Certificate)));

        Assert.False(result.Authenticated);
    }

    [Fact]
    public void Authenticate_DaneTaCertificateNotNamingTheMxHost_FailsTheNameCheck()
    {
        using var leaf = _pki.Intermediate.IssueServer(["www.example.com"]);

        var result = Run([leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 0, 1, CertSha256(_pki.Intermediate.Certificate)));

        Assert.False(result.Authenticated);
        Assert.Contains("does not name mx1.example.com; with DANE-TA(2) it must (RFC 7672 §3.2.2, §3.2.3)", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneTaWildcardCoveringTheMxHost_Matches()
    {
        using var leaf = _pki.Intermediate.IssueServer(["*.example.com"]);

        var result = Run([leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 0, 1, CertSha256(_pki.Intermediate.Certificate)));

        Assert.True(result.Authenticated, result.Summary);
    }

    [Fact]
    public void Authenticate_DaneTaCnameExpandedReferenceName_Accepted()
    {
        using var leaf = _pki.Intermediate.IssueServer(["mail.provider.example"]);

        var result = DaneAuthenticator.Authenticate([Tlsa(2, 0, 1, CertSha256(_pki.Intermediate.Certificate))], [leaf.RawData, _pki.Intermediate.Certificate.RawData], ["mx1.example.com", "mail.provider.example"], _now);

        Assert.True(result.Authenticated, result.Summary);
    }

    [Fact]
    public void Authenticate_DaneTaExpiredServerCertificate_FailsTheDateCheck()
    {
        using var leaf = _pki.Intermediate.IssueServer(["mx1.example.com"], _now.AddDays(-60), _now.AddDays(-1));

        var result = Run([leaf.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 0, 1, CertSha256(_pki.Intermediate.Certificate)));

        Assert.False(result.Authenticated);
        Assert.Contains(result.Problems, p => p.StartsWith("CN=mx1.example.com expired on", StringComparison.Ordinal) && p.Contains("RFC 7672 §3.1.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Authenticate_DaneTaChainNeedsAnIntermediateTheServerOmitted_NoMatch()
    {
        // leaf + root presented, the intermediate between them left out: the root matches, but the chain cannot be built.
        var result = Run([_pki.Leaf.RawData, _pki.Root.Certificate.RawData], Tlsa(2, 0, 1, CertSha256(_pki.Root.Certificate)));

        Assert.False(result.Authenticated);
        Assert.Contains("does not chain up to the trust anchor CN=DANE Test Root through the certificates it presented", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_DaneTaLeafForgedUnderTheAnchorsName_NoMatch()
    {
        // Same issuer name as the real intermediate, another key: the signature does not verify with the anchor's key.
        using var impostor = _pki.Root.CreateIntermediate("DANE Test Intermediate");
        using var forged = impostor.IssueServer(["mx1.example.com"]);

        var result = Run([forged.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 0, 1, CertSha256(_pki.Intermediate.Certificate)));

        Assert.False(result.Authenticated);
    }

    [Fact]
    public void Authenticate_DaneTaRecordMatchingTheLeaf_NotAnAnchor()
    {
        using var self = TestCertificates.CreateSelfSigned("mx1.example.com");

        var result = Run([self.RawData], Tlsa(2, 0, 1, CertSha256(self)));

        Assert.False(result.Authenticated);
    }

    [Fact]
    public void Authenticate_OnlyPkixUsages_NoUsableRecord()
    {
        var result = Run(_pki.FullChain, Tlsa(1, 1, 1, SpkiSha256(_pki.Leaf)), Tlsa(0, 0, 1, CertSha256(_pki.Root.Certificate)));

        Assert.False(result.Authenticated);
        Assert.Equal("there is no usable TLSA record (RFC 7672 §3.1)", result.Summary);
    }

    [Fact]
    public void Authenticate_WrongSha512BesideRightSha256_Sha256IgnoredForAgility()
    {
        using var other = TestCertificates.CreateSelfSigned("x");

        var result = Run([_pki.Leaf.RawData], Tlsa(3, 1, 1, SpkiSha256(_pki.Leaf)), Tlsa(3, 1, 2, SpkiSha512(other)));

        Assert.False(result.Authenticated);
        Assert.Equal("3 1 1 " + SpkiSha256(_pki.Leaf), TlsaRecords.Describe(Assert.Single(result.Ignored)));
    }

    [Fact]
    public void Authenticate_RsaServerKey_Matches()
    {
        using var rsa = _pki.Intermediate.IssueServer(["mx1.example.com"], rsa: true);

        Assert.True(Run([rsa.RawData], Tlsa(3, 1, 1, SpkiSha256(rsa))).Authenticated);
        Assert.True(Run([rsa.RawData, _pki.Intermediate.Certificate.RawData], Tlsa(2, 1, 2, SpkiSha512(_pki.Intermediate.Certificate))).Authenticated);
    }

    [Fact]
    public void Authenticate_NothingPresented_NoMatch()
    {
        Assert.Equal("the server presented no certificate", Run([], Tlsa(3, 1, 1, SpkiSha256(_pki.Leaf))).Summary);
    }

    [Fact]
    public void IsSignedBy_IssuerKeyAndOtherKey()
    {
        Assert.True(CertificateSignature.IsSignedBy(_pki.Intermediate.Certificate, _pki.Root.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        Assert.False(CertificateSignature.IsSignedBy(_pki.Intermediate.Certificate, _pki.Leaf.PublicKey.ExportSubjectPublicKeyInfo()));
        using var rsaRoot = X509CertificateLoader.LoadCertificate(_pki.Intermediate.IssueServer(["x"], rsa: true).RawData);
        Assert.True(CertificateSignature.IsSignedBy(rsaRoot, _pki.Intermediate.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    public void Dispose() => _pki.Dispose();
}
