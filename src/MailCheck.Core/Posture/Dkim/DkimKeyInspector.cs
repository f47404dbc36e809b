using System.Formats.Asn1;
using System.Security.Cryptography;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// Reads the public key of a DKIM key record: RSA as SubjectPublicKeyInfo (what RFC 6376 Appendix C's example produces
/// and verifiers expect) or, failing that, a bare PKCS #1 RSAPublicKey (the literal reading of §3.6.1); Ed25519 as the
/// raw 32-byte key (RFC 8463 §4.2). The RSA length is the real modulus length, not a guess from the text's length.
/// </summary>
public static class DkimKeyInspector
{
    private const string RsaOid = "1.2.840.113549.1.1.1";

    public static DkimKeyInfo Inspect(DkimKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var algorithm = record.KeyType;
        var bytes = new byte[record.PublicKey.Length];
        if (!Convert.TryFromBase64String(record.PublicKey, bytes, out var length))
        {
            return new DkimKeyInfo { Algorithm = algorithm, Problem = "p= is not valid base64, so no verifier can read the key (RFC 6376 §3.6.1)" };
        }

        var key = bytes.AsSpan(0, length).ToArray();
        return algorithm switch
        {
            "rsa" => Rsa(key),
            "ed25519" => Ed25519(key),
            _ => new DkimKeyInfo { Algorithm = algorithm, Problem = $"k={algorithm} is not a key type verifiers know (rsa, or ed25519 per RFC 8463), and they MUST ignore the record (RFC 6376 §3.6.1)" },
        };
    }

    private static DkimKeyInfo Rsa(byte[] key)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(key, out _);
            return new DkimKeyInfo { Algorithm = "rsa", Bits = rsa.KeySize, Encoding = "SubjectPublicKeyInfo" };
        }
        catch (CryptographicException)
        {
            // Not an RSA SubjectPublicKeyInfo: perhaps another algorithm's, or a bare RSAPublicKey.
        }

        if (SpkiAlgorithm(key) is { } oid && oid != RsaOid)
        {
            var what = oid switch
            {
                "1.3.101.112" => "an Ed25519 key (publish it as k=ed25519 with the bare 32-byte key, RFC 8463 §4.2)",
                "1.2.840.10045.2.1" => "an elliptic-curve (ECDSA) key, which DKIM does not define",
                _ => $"a key of another algorithm (OID {oid})",
            };
            return new DkimKeyInfo { Algorithm = "rsa", Encoding = "SubjectPublicKeyInfo", Problem = $"k=rsa, but p= holds {what}, so verifiers cannot use it (RFC 6376 §3.6.1)" };
        }

        try
        {
            rsa.ImportRSAPublicKey(key, out _);
            return new DkimKeyInfo { Algorithm = "rsa", Bits = rsa.KeySize, Encoding = "RSAPublicKey" };
        }
        catch (CryptographicException)
        {
            return new DkimKeyInfo { Algorithm = "rsa", Problem = "p= decodes, but not to an RSA public key (neither SubjectPublicKeyInfo nor RSAPublicKey), so verifiers cannot use it (RFC 6376 §3.6.1)" };
        }
    }

    private static DkimKeyInfo Ed25519(byte[] key)
    {
        if (key.Length == 32)
        {
            return new DkimKeyInfo { Algorithm = "ed25519", Bits = 256, Encoding = "raw" };
        }

        var problem = SpkiAlgorithm(key) == "1.3.101.112"
            ? "p= holds the Ed25519 key wrapped in a SubjectPublicKeyInfo; RFC 8463 §4.2 asks for the bare 32-byte key, and verifiers reject the wrapped form"
            : $"an Ed25519 public key is 32 bytes (RFC 8463 §4.2), and p= holds {key.Length}";
        return new DkimKeyInfo { Algorithm = "ed25519", Problem = problem };
    }

    /// <summary>The algorithm OID of a DER SubjectPublicKeyInfo, or null when the bytes are not one.</summary>
    private static string? SpkiAlgorithm(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            var algorithm = spki.ReadSequence();
            return algorithm.ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
