using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MailCheck.Core.Tests.Posture.Dkim;

/// <summary>Real keys for key records, generated once per size per test run (RSA generation is slow).</summary>
internal static class DkimTestKeys
{
    private static readonly ConcurrentDictionary<int, Lazy<RSA>> Keys = new();

    /// <summary>Base64 of an RSA key's SubjectPublicKeyInfo (what <c>openssl rsa -pubout</c> writes).</summary>
    public static string Rsa(int bits) => Convert.ToBase64String(Key(bits).ExportSubjectPublicKeyInfo());

    /// <summary>Base64 of an RSA key as a bare PKCS #1 RSAPublicKey.</summary>
    public static string RsaPkcs1(int bits) => Convert.ToBase64String(Key(bits).ExportRSAPublicKey());

    private static RSA Key(int bits) => Keys.GetOrAdd(bits, b => new Lazy<RSA>(() => RSA.Create(b))).Value;

    /// <summary>Base64 of 32 random bytes: an Ed25519 public key as RFC 8463 §4.2 publishes it (parsing needs nothing more).</summary>
    public static string Ed25519() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Record(string key, string extra = "") => $"v=DKIM1; k=rsa; {extra}p={key}";
}
