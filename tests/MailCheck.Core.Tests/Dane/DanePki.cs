using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Dns;
using MailCheck.Testing.Smtp;

namespace MailCheck.Core.Tests.Dane;

/// <summary>A root, an intermediate and server certificates for DANE tests, with TLSA data computed independently.</summary>
internal sealed class DanePki : IDisposable
{
    public DanePki()
    {
        Root = TestSigningAuthority.CreateRoot("DANE Test Root");
        Intermediate = Root.CreateIntermediate("DANE Test Intermediate");
        Leaf = Intermediate.IssueServer(["mx1.example.com"]);
    }

    public TestSigningAuthority Root { get; }

    public TestSigningAuthority Intermediate { get; }

    public X509Certificate2 Leaf { get; }

    /// <summary>leaf, intermediate, root: what a DANE-TA(2) server presents (RFC 7672 §3.1.2).</summary>
    public IReadOnlyList<byte[]> FullChain => [Leaf.RawData, Intermediate.Certificate.RawData, Root.Certificate.RawData];

    public static string Hex(byte[] data) => Convert.ToHexString(data);

    public static string Spki(X509Certificate2 c) => Hex(c.PublicKey.ExportSubjectPublicKeyInfo());

    public static string SpkiSha256(X509Certificate2 c) => Hex(SHA256.HashData(c.PublicKey.ExportSubjectPublicKeyInfo()));

    public static string SpkiSha512(X509Certificate2 c) => Hex(SHA512.HashData(c.PublicKey.ExportSubjectPublicKeyInfo()));

    public static string CertSha256(X509Certificate2 c) => Hex(SHA256.HashData(c.RawData));

    public static string CertSha512(X509Certificate2 c) => Hex(SHA512.HashData(c.RawData));

    public static TlsaData Tlsa(int usage, int selector, int matchingType, string hex) => new(usage, selector, matchingType, hex);

    public void Dispose()
    {
        Leaf.Dispose();
        Intermediate.Dispose();
        Root.Dispose();
    }
}
