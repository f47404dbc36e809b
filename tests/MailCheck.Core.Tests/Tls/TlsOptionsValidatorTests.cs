using MailCheck.Core.Tls;
using MailCheck.Testing.Smtp;
using MailCheck.Testing.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Tls;

public sealed class TlsOptionsValidatorTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files)
        {
            File.Delete(f);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_NoFile_Succeeds(string? path)
    {
        Assert.True(new TlsOptionsValidator().Validate(null, new TlsOptions { ExtraTrustedCaFile = path }).Succeeded);
    }

    [Fact]
    public void Validate_RootCertificate_Succeeds()
    {
        using var ca = new TestCertificateAuthority();

        Assert.True(new TlsOptionsValidator().Validate(null, new TlsOptions { ExtraTrustedCaFile = Write(ca.RootPem) }).Succeeded);
    }

    [Fact]
    public void Validate_MissingFile_FailsNamingTheKeyAndThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.pem");

        var result = new TlsOptionsValidator().Validate(null, new TlsOptions { ExtraTrustedCaFile = path });

        Assert.True(result.Failed);
        Assert.StartsWith("MailCheck:Tls:ExtraTrustedCaFile: cannot read", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(path, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "holds no PEM certificate")]
    [InlineData("just some text\n", "holds no PEM certificate")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "holds a \"PRIVATE KEY\" block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "certificate #1")]
    public void Validate_PemWithoutAUsableCertificate_Fails(string content, string expected)
    {
        var result = new TlsOptionsValidator().Validate(null, new TlsOptions { ExtraTrustedCaFile = Write(content) });

        Assert.True(result.Failed);
        Assert.StartsWith("MailCheck:Tls:ExtraTrustedCaFile:", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnlyAnIntermediate_FailsAskingForTheRoot()
    {
        using var ca = new TestCertificateAuthority(withIntermediate: true);
        using var intermediate = ca.Intermediate!;

        var result = new TlsOptionsValidator().Validate(null, new TlsOptions { ExtraTrustedCaFile = Write(intermediate.ExportCertificatePem()) });

        Assert.True(result.Failed);
        Assert.Contains("no self-signed (root) certificate", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMailCheckCore_UnreadableExtraCaFile_FailsAtStartNamingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MailCheck:Tls:ExtraTrustedCaFile"] = "/nonexistent/mailcheck-ca.pem" });
        builder.AddMailCheckCore();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MailCheck:Tls:ExtraTrustedCaFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMailCheckCore_ExtraCaFile_TrustUsesIt()
    {
        using var ca = new TestCertificateAuthority();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MailCheck:Tls:ExtraTrustedCaFile"] = Write(ca.RootPem) });
        builder.AddMailCheckCore();
        using var host = builder.Build();
        using var leaf = ca.Issue("mx.example.com");

        var trust = host.Services.GetRequiredService<CertificateTrust>();

        Assert.True(trust.Validate(leaf, [], DateTimeOffset.UtcNow).TrustedByExtraCa);
    }

    [Fact]
    public void Validate_SelfSignedServerCertificate_AcceptedAsItsOwnAnchor()
    {
        using var selfSigned = TestCertificates.CreateSelfSigned("mx.lab.example");

        Assert.True(new TlsOptionsValidator().Validate(null, new TlsOptions { ExtraTrustedCaFile = Write(selfSigned.ExportCertificatePem()) }).Succeeded);
    }

    private string Write(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mailcheck-tls-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }
}
