namespace MailCheck.Core.Posture.Dmarc;

/// <summary>What a DMARC evaluation needs from a message: its author domain and the identifiers SPF and DKIM authenticated.</summary>
public sealed record DmarcIdentifiers
{
    /// <summary>The domain of the RFC5322.From address (RFC 9989 §3.2.2), in ASCII.</summary>
    public required string AuthorDomain { get; init; }

    /// <summary>The MAIL FROM domain when SPF gave it a pass (RFC 9989 §4.4.2); null when SPF did not pass.</summary>
    public string? SpfDomain { get; init; }

    /// <summary>The <c>d=</c> domains of the DKIM signatures that verified (RFC 9989 §4.4.1).</summary>
    public IReadOnlyList<string> DkimDomains { get; init; } = [];

    /// <summary>Whether the author domain exists (for <c>np</c>); null to ask DNS when it matters.</summary>
    public bool? AuthorDomainExists { get; init; }
}
