namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Whether one authenticated identifier aligns with the author domain (RFC 9989 §4.4).</summary>
public sealed record DmarcAlignmentCheck
{
    /// <summary>The authenticated identifier: an SPF-validated MAIL FROM domain or a DKIM <c>d=</c> domain.</summary>
    public required string Identifier { get; init; }

    public required DmarcAlignmentMode Mode { get; init; }

    /// <summary>True when aligned, false when not, null when a DNS failure left an organizational domain unknown.</summary>
    public required bool? Aligned { get; init; }

    public string? AuthorOrganizationalDomain { get; init; }

    public string? IdentifierOrganizationalDomain { get; init; }

    /// <summary>Why, in one sentence naming the RFC section.</summary>
    public required string Explanation { get; init; }
}
