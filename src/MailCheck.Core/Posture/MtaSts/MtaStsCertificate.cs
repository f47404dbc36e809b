namespace MailCheck.Core.Posture.MtaSts;

/// <summary>The certificate the policy host presented, and how MailCheck judged it (RFC 8461 §3.3).</summary>
public sealed record MtaStsCertificate
{
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];

    public DateTimeOffset NotAfter { get; init; }

    /// <summary>True when the chain leads to a trusted root (the system's store or the extra CA file) and is in date.</summary>
    public bool ChainValid { get; init; }

    public IReadOnlyList<string> ChainErrors { get; init; } = [];

    /// <summary>True when the trust came only from <c>MailCheck:Tls:ExtraTrustedCaFile</c>.</summary>
    public bool TrustedByExtraCa { get; init; }

    /// <summary>True when a subjectAltName DNS-ID names the policy host (RFC 8461 §3.3: DNS-IDs only, no Common Name).</summary>
    public bool NameMatches { get; init; }
}
