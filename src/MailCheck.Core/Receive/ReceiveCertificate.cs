using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Core.Receive;

/// <summary>
/// The certificate the listener offers with STARTTLS: the configured PEM files, or a self-signed one for the host name,
/// made once and kept in a folder of the host's choosing (the web app keeps it with its data-protection keys) so that a
/// restart does not change it. Senders that verify certificates will not trust a self-signed one; opportunistic TLS
/// (RFC 3207, what MTAs do by default) uses it all the same.
/// </summary>
public sealed class ReceiveCertificate : IDisposable
{
    /// <summary>The file name of the self-signed certificate and key (PEM) in the store folder.</summary>
    public const string SelfSignedFileName = "receive-tls.pem";

    private ReceiveCertificate(X509Certificate2 certificate, SslStreamCertificateContext context, string source)
    {
        Certificate = certificate;
        Context = context;
        Source = source;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>What SslStream serves (the certificate and any intermediates from the file).</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>Where it came from, for the log: "CertificateFile /etc/...", "self-signed, made now", "self-signed, kept in ...".</summary>
    public string Source { get; }

    /// <summary>
    /// The configured certificate when <see cref="ReceiveOptions.CertificateFile"/> is set; otherwise the self-signed one
    /// kept in <paramref name="storeDirectory"/> for <paramref name="hostName"/>, made anew when missing, unreadable,
    /// for another name, or within 30 days of expiring.
    /// </summary>
    public static ReceiveCertificate LoadOrCreate(ReceiveOptions options, string hostName, string storeDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        ArgumentNullException.ThrowIfNull(time);
        if (!string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            var file = options.CertificateFile;
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(file);
            using var loaded = string.IsNullOrWhiteSpace(options.KeyFile)
                ? X509Certificate2.CreateFromPemFile(file)
                : X509Certificate2.CreateFromPemFile(file, options.KeyFile);
            var leaf = Usable(loaded);
            var intermediates = new X509Certificate2Collection();
            foreach (var c in chain.Skip(1))
            {
                intermediates.Add(c);
            }

            return new ReceiveCertificate(leaf, SslStreamCertificateContext.Create(leaf, intermediates, offline: true), $"{ReceiveOptions.SectionName}:CertificateFile {file}");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(storeDirectory);
        var path = Path.Combine(storeDirectory, SelfSignedFileName);
        var now = time.GetUtcNow();
        if (File.Exists(path))
        {
            try
            {
                using var kept = X509Certificate2.CreateFromPemFile(path);
                if (kept.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(30) && kept.MatchesHostname(hostName))
                {
                    var leaf = Usable(kept);
                    return new ReceiveCertificate(leaf, SslStreamCertificateContext.Create(leaf, null, offline: true), $"self-signed for {hostName}, kept in {path}");
                }
            }
            catch (CryptographicException)
            {
                // Unreadable: made anew below.
            }
        }

        Directory.CreateDirectory(storeDirectory);
        using var made = CreateSelfSigned(hostName, now);
        var pem = made.ExportCertificatePem() + "\n" + made.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n";
        var temp = path + ".tmp";
        File.WriteAllText(temp, pem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
        var usable = Usable(made);
        return new ReceiveCertificate(usable, SslStreamCertificateContext.Create(usable, null, offline: true), $"self-signed for {hostName}, made now and kept in {path}");
    }

    /// <summary>A self-signed certificate for <paramref name="hostName"/> (RSA 2048, SHA-256, server authentication, valid a year).</summary>
    public static X509Certificate2 CreateSelfSigned(string hostName, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    public void Dispose() => Certificate.Dispose();

    /// <summary>A copy whose private key SslStream can use on every platform (a PEM-loaded key is ephemeral).</summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
