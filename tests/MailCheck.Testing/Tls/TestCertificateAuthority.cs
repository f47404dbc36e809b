using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Testing.Tls;

/// <summary>
/// A private certificate authority made in-process: a self-signed root and, optionally, an intermediate, issuing server
/// certificates for loopback tests of MailCheck:Tls:ExtraTrustedCaFile. Nothing touches the machine's trust store.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2? _intermediate;

    /// <param name="name">The root's common name.</param>
    /// <param name="withIntermediate">Issue server certificates from an intermediate CA (which servers must then send).</param>
    public TestCertificateAuthority(string name = "MailCheck Test Root CA", bool withIntermediate = false)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = CaRequest($"CN={name}", rootKey);
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(2));
        _root = X509CertificateLoader.LoadPkcs12(root.Export(X509ContentType.Pkcs12), null);
        if (withIntermediate)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = CaRequest($"CN={name} Intermediate", key);
            using var issued = request.Create(_root, DateTimeOffset.UtcNow.AddDays(-300), DateTimeOffset.UtcNow.AddYears(1), Serial());
            using var withKey = issued.CopyWithPrivateKey(key);
            _intermediate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>The root (public part only).</summary>
    public X509Certificate2 Root => X509CertificateLoader.LoadCertificate(_root.RawData);

    /// <summary>The intermediate (public part only), when there is one.</summary>
    public X509Certificate2? Intermediate => _intermediate is null ? null : X509CertificateLoader.LoadCertificate(_intermediate.RawData);

    /// <summary>The root as PEM.</summary>
    public string RootPem => _root.ExportCertificatePem() + "\n";

    /// <summary>Writes the root as a PEM file and returns its path (a temporary file the caller deletes).</summary>
    public string WriteRootPem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mailcheck-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, RootPem);
        return path;
    }

    /// <summary>A server certificate (with its private key) for <paramref name="names"/>, valid from yesterday for 30 days.</summary>
    public X509Certificate2 Issue(params string[] names) => Issue(names, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>
    /// A server certificate for <paramref name="names"/> (host names as DNS SANs, addresses as IP SANs; the first is the
    /// subject CN) with chosen dates. An empty list gives a certificate with a CN of "no-san" and no subjectAltName.
    /// </summary>
    public X509Certificate2 Issue(IReadOnlyList<string> names, DateTimeOffset notBefore, DateTimeOffset notAfter, bool subjectAltName = true)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={(names.Count > 0 ? names[0] : "no-san")}", key, HashAlgorithmName.SHA256);
        if (subjectAltName && names.Count > 0)
        {
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
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        var issuer = _intermediate ?? _root;
        using var issued = request.Create(issuer, notBefore, notAfter, Serial());
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _root.Dispose();
        _intermediate?.Dispose();
    }

    private static CertificateRequest CaRequest(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}
