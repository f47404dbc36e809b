using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Tls;
using MailCheck.Testing.Smtp;
using MailCheck.Testing.Tls;

namespace MailCheck.Core.Tests.Tls;

public sealed class CertificateTrustTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = new();
    private readonly string _pem;

    public CertificateTrustTests()
    {
        _pem = _ca.WriteRootPem();
    }

    public void Dispose()
    {
        _ca.Dispose();
        File.Delete(_pem);
    }

    [Fact]
    public void Validate_PrivateCaCertificateWithoutExtraFile_UntrustedRoot()
    {
        using var leaf = _ca.Issue("mx.example.com");

        var result = CertificateTrust.SystemOnly.Validate(leaf, [], DateTimeOffset.UtcNow);

        Assert.False(result.Valid);
        Assert.False(result.TrustedByExtraCa);
        Assert.Contains(result.Errors, e => e.StartsWith("UntrustedRoot", StringComparison.Ordinal) || e.StartsWith("PartialChain", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PrivateCaCertificateWithExtraFile_TrustedThroughTheExtraCaOnly()
    {
        using var trust = CertificateTrust.FromFile(_pem);
        using var leaf = _ca.Issue("mx.example.com");

        var result = trust.Validate(leaf, [], DateTimeOffset.UtcNow);

        Assert.True(result.Valid, string.Join("; ", result.Errors));
        Assert.True(result.TrustedByExtraCa);
        Assert.Empty(result.Errors);
        Assert.Equal("CN=MailCheck Test Root CA", result.Anchor);
    }

    [Fact]
    public void Validate_IntermediatePresentedByTheServer_BuildsTheChainToTheExtraRoot()
    {
        using var ca = new TestCertificateAuthority("Chain Root", withIntermediate: true);
        var pem = ca.WriteRootPem();
        try
        {
            using var trust = CertificateTrust.FromFile(pem);
            using var leaf = ca.Issue("mx.example.com");
            using var intermediate = ca.Intermediate!;

            var without = trust.Validate(leaf, [], DateTimeOffset.UtcNow);
            var with = trust.Validate(leaf, [intermediate], DateTimeOffset.UtcNow);

            Assert.False(without.Valid);
            Assert.True(with.Valid, string.Join("; ", with.Errors));
            Assert.True(with.TrustedByExtraCa);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public void Validate_ExpiredCertificateFromTheExtraCa_ReportsTheDatesNotAnUntrustedRoot()
    {
        using var trust = CertificateTrust.FromFile(_pem);
        using var leaf = _ca.Issue(["mx.example.com"], DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));

        var result = trust.Validate(leaf, [], DateTimeOffset.UtcNow);

        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e.StartsWith("NotTimeValid", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.StartsWith("UntrustedRoot", StringComparison.Ordinal) || e.StartsWith("PartialChain", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SelfSignedCertificateNotInTheFile_StaysUntrusted()
    {
        using var trust = CertificateTrust.FromFile(_pem);
        using var selfSigned = TestCertificates.CreateSelfSigned("mx.example.com");

        var result = trust.Validate(selfSigned, [], DateTimeOffset.UtcNow);

        Assert.False(result.Valid);
        Assert.False(result.TrustedByExtraCa);
        Assert.Contains(result.Errors, e => e.StartsWith("UntrustedRoot", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SelfSignedCertificateInTheFile_TrustedAsItself()
    {
        using var selfSigned = TestCertificates.CreateSelfSigned("mx.lab.example");
        var pem = Path.Combine(Path.GetTempPath(), $"mailcheck-pin-{Guid.NewGuid():N}.pem");
        File.WriteAllText(pem, selfSigned.ExportCertificatePem());
        try
        {
            using var trust = CertificateTrust.FromFile(pem);

            var result = trust.Validate(selfSigned, [], DateTimeOffset.UtcNow);

            Assert.True(result.Valid, string.Join("; ", result.Errors));
            Assert.True(result.TrustedByExtraCa);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public void FromFile_Unusable_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CertificateTrust.FromFile("/nonexistent/ca.pem"));

        Assert.StartsWith("MailCheck:Tls:ExtraTrustedCaFile: cannot read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnotherCasCertificate_NotTrustedByThisFile()
    {
        using var trust = CertificateTrust.FromFile(_pem);
        using var other = new TestCertificateAuthority("Some Other CA");
        using var leaf = other.Issue("mx.example.com");

        Assert.False(trust.Validate(leaf, [], DateTimeOffset.UtcNow).Valid);
    }

    [Fact]
    public void Validate_JudgedAtTheGivenTime()
    {
        using var trust = CertificateTrust.FromFile(_pem);
        using var leaf = _ca.Issue("mx.example.com");

        Assert.True(trust.Validate(leaf, [], DateTimeOffset.UtcNow).Valid);
        Assert.False(trust.Validate(leaf, [], DateTimeOffset.UtcNow.AddDays(60)).Valid);
    }

    [Fact]
    public void ExtraAnchors_NameTheRootsOfTheFile()
    {
        using var trust = CertificateTrust.FromFile(_pem);

        Assert.Equal(_pem, trust.ExtraCaFile);
        Assert.Equal(["CN=MailCheck Test Root CA"], trust.ExtraAnchors);
        Assert.Empty(CertificateTrust.SystemOnly.ExtraAnchors);
        Assert.Null(CertificateTrust.SystemOnly.ExtraCaFile);
    }
}
