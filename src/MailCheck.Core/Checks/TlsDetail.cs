namespace MailCheck.Core.Checks;

/// <summary>What the TLS handshake established and what the certificate says.</summary>
public sealed record TlsDetail : CheckEventDetail
{
    /// <summary>True when the handshake completed.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>E.g. "TLS 1.3".</summary>
    public string? Protocol { get; init; }

    /// <summary>E.g. "TLS_AES_256_GCM_SHA384".</summary>
    public string? CipherSuite { get; init; }

    public string? Subject { get; init; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];

    public string? Issuer { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The certificate's SHA-256 fingerprint (hex, upper case), to tell two certificates apart.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The public key's algorithm and size, e.g. "RSA 2048" or "ECDSA P-256".</summary>
    public string? PublicKey { get; init; }

    /// <summary>
    /// SHA-256 of the public key (SubjectPublicKeyInfo, hex): unchanged when a certificate is renewed with the same key,
    /// as DANE "3 1 1" records and key pinning depend on (RFC 6698 §2.1).
    /// </summary>
    public string? PublicKeySha256 { get; init; }

    /// <summary>True when the chain validated: against the system's trust store, or the extra CA file (see <see cref="TrustedByExtraCa"/>).</summary>
    public bool ChainValid { get; init; }

    /// <summary>
    /// True when the chain validated only through <c>MailCheck:Tls:ExtraTrustedCaFile</c> (a private CA), not the system's
    /// store: senders that do not trust the same CA treat the certificate as untrusted.
    /// </summary>
    public bool TrustedByExtraCa { get; init; }

    /// <summary>Why the chain did not validate (empty when it did).</summary>
    public IReadOnlyList<string> ChainErrors { get; init; } = [];

    /// <summary>True when the certificate names the MX host (SAN, or CN without SANs).</summary>
    public bool HostNameMatches { get; init; }

    /// <summary>
    /// The certificates the server presented in this handshake, leaf first, in the order it sent them, as base64 DER: what
    /// DANE (RFC 7672 §3) matches against. Not the chain .NET built, which may hold certificates found locally.
    /// </summary>
    public IReadOnlyList<string> PresentedChain { get; init; } = [];

    /// <summary>Why the handshake failed, when it did.</summary>
    public string? Error { get; init; }
}
