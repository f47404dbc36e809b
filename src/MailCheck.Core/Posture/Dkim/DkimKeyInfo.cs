namespace MailCheck.Core.Posture.Dkim;

/// <summary>What the public key of a DKIM key record really is, measured from its bytes.</summary>
public sealed record DkimKeyInfo
{
    /// <summary><c>rsa</c> or <c>ed25519</c> (the <c>k=</c> the key was read as).</summary>
    public required string Algorithm { get; init; }

    /// <summary>RSA: the modulus length in bits; Ed25519: 256. Null when the key could not be read.</summary>
    public int? Bits { get; init; }

    /// <summary>How the key is encoded: <c>SubjectPublicKeyInfo</c>, <c>RSAPublicKey</c> (PKCS #1) or <c>raw</c> (Ed25519).</summary>
    public string? Encoding { get; init; }

    /// <summary>Why the key cannot be used, naming the RFC section; null when it can.</summary>
    public string? Problem { get; init; }

    public bool IsUsable => Problem is null;
}
