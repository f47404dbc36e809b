using System.Security.Cryptography;

namespace MailCheck.Core.Tests.Posture.Dkim;

/// <summary>Real keys for key records, made when a test needs one.</summary>
internal static class DkimTestKeys
{
    /// <summary>Base64 of a fresh RSA key's SubjectPublicKeyInfo (what <c>openssl rsa -pubout</c> writes).</summary>
    public static string Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Base64 of a fresh RSA key as a bare PKCS #1 RSAPublicKey.</summary>
    public static string RsaPkcs1(int bits)
    {
        using var rsa = RSA.Create(bits);
        return Convert.ToBase64String(rsa.ExportRSAPublicKey());
    }

    /// <summary>Base64 of 32 random bytes: an Ed25519 public key as RFC 8463 §4.2 publishes it (parsing needs nothing more).</summary>
    public static string Ed25519() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Record(string key, string extra = "") => $"v=DKIM1; k=rsa; {extra}p={key}";
}
