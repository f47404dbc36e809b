using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Testing.Smtp;

/// <summary>
/// A certificate authority made in-process: a self-signed root, intermediates below it, and server certificates they
/// issue — for tests of chains, DANE-TA trust anchors and what a server presents. Every certificate carries its private
/// key (usable by SslStream); <see cref="Certificate"/> is the authority's own certificate. (MailCheck.Testing.Tls's
/// TestCertificateAuthority is the fixed-shape private CA of the MTA-STS and extra-CA tests.)
/// </summary>
/// <example>
/// <code>
/// using var root = TestSigningAuthority.CreateRoot("Test Root");
/// using var intermediate = root.CreateIntermediate("Test Intermediate");
/// using var leaf = intermediate.IssueServer(["mx1.example.com"]);
/// </code>
/// </example>
public sealed class TestSigningAuthority : IDisposable
{
    private static long s_serial = DateTime.UtcNow.Ticks;
    private readonly ECDsa _key;

    private TestSigningAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The authority's certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate without its private key, as a client would receive it.</summary>
    public X509Certificate2 PublicCertificate => X509CertificateLoader.LoadCertificate(Certificate.RawData);

    /// <summary>A self-signed root CA, valid from yesterday for a year unless dates are given.</summary>
    public static TestSigningAuthority CreateRoot(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        using var certificate = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(1));
        return new TestSigningAuthority(WithKey(certificate, key), key);
    }

    /// <summary>An intermediate CA issued by this authority.</summary>
    public TestSigningAuthority CreateIntermediate(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(AuthorityKeyIdentifier()));
        using var certificate = request.Create(Certificate, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddMonths(6), NextSerial());
        return new TestSigningAuthority(WithKey(certificate, key), key);
    }

    /// <summary>
    /// A server certificate issued by this authority: CN = the first name, every name in the SANs (IP addresses as IP
    /// entries), serverAuth, valid from yesterday for 30 days unless dates are given; an RSA-2048 key when <paramref name="rsa"/>.
    /// </summary>
    public X509Certificate2 IssueServer(IReadOnlyList<string> names, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool rsa = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA r
            ? new CertificateRequest($"CN={names[0]}", r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={names[0]}", (ECDsa)key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(AuthorityKeyIdentifier()));
        // The issuer signs with its own (ECDSA) key whatever the server's key type.
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), NextSerial());
        using var withKey = key is RSA rsaKey ? issued.CopyWithPrivateKey(rsaKey) : issued.CopyWithPrivateKey((ECDsa)key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private X509SubjectKeyIdentifierExtension AuthorityKeyIdentifier() =>
        Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();

    private static X509Certificate2 WithKey(X509Certificate2 certificate, ECDsa key)
    {
        using var bare = X509CertificateLoader.LoadCertificate(certificate.RawData);
        using var withKey = bare.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] NextSerial()
    {
        var serial = BitConverter.GetBytes(Interlocked.Increment(ref s_serial));
        Array.Reverse(serial);
        serial[0] &= 0x7F;
        return serial;
    }
}
