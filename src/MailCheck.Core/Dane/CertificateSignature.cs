using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Core.Dane;

/// <summary>
/// Checks the signature on a certificate with a bare public key: how a DANE-TA(2) SPKI(1) Full(0) record names a trust
/// anchor that the server need not send (RFC 7671 §5.2.3). <see cref="X509Chain"/> takes only certificates as anchors, so
/// the signature is checked here: RSA PKCS#1 v1.5 and RSASSA-PSS, ECDSA, with SHA-1/256/384/512 (RFC 5280 §4.1.1.3).
/// </summary>
public static class CertificateSignature
{
    /// <summary>True when <paramref name="certificate"/> is signed by the key in <paramref name="subjectPublicKeyInfo"/>.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var tbs = sequence.ReadEncodedValue().ToArray();
            var algorithm = sequence.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var parameters = algorithm.HasData ? algorithm.ReadEncodedValue().ToArray() : null;
            var signature = sequence.ReadBitString(out _);
            var key = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return oid switch
            {
                "1.2.840.113549.1.1.5" => Rsa(key, tbs, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1),
                "1.2.840.113549.1.1.11" => Rsa(key, tbs, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                "1.2.840.113549.1.1.12" => Rsa(key, tbs, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
                "1.2.840.113549.1.1.13" => Rsa(key, tbs, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
                "1.2.840.113549.1.1.10" => Rsa(key, tbs, signature, PssHash(parameters), RSASignaturePadding.Pss),
                "1.2.840.10045.4.1" => Ecdsa(key, tbs, signature, HashAlgorithmName.SHA1),
                "1.2.840.10045.4.3.2" => Ecdsa(key, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.10045.4.3.3" => Ecdsa(key, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.10045.4.3.4" => Ecdsa(key, tbs, signature, HashAlgorithmName.SHA512),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static bool Rsa(PublicKey key, byte[] tbs, byte[] signature, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        using var rsa = key.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(tbs, signature, hash, padding);
    }

    private static bool Ecdsa(PublicKey key, byte[] tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var ecdsa = key.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>The hash of RSASSA-PSS parameters (RFC 4055 §3.1): SHA-1 when absent.</summary>
    private static HashAlgorithmName PssHash(byte[]? parameters)
    {
        if (parameters is null)
        {
            return HashAlgorithmName.SHA1;
        }

        var sequence = new AsnReader(parameters, AsnEncodingRules.DER).ReadSequence();
        var hashTag = new Asn1Tag(TagClass.ContextSpecific, 0);
        if (!sequence.HasData || !sequence.PeekTag().HasSameClassAndValue(hashTag))
        {
            return HashAlgorithmName.SHA1;
        }

        var hash = sequence.ReadSequence(hashTag).ReadSequence().ReadObjectIdentifier();
        return hash switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA1,
        };
    }
}
