namespace MailCheck.Core.Posture.Dmarc;

/// <summary>The DMARC verdict on one message (RFC 9989 §5.3): the result, the policy that applies, and why.</summary>
public sealed record DmarcVerdict
{
    public required DmarcResult Result { get; init; }

    /// <summary>The policy discovery behind the verdict.</summary>
    public required DmarcDiscoveryResult Discovery { get; init; }

    /// <summary>The policy a receiver applies to this message when it fails (null without DMARC processing).</summary>
    public DmarcAppliedPolicy? Policy { get; init; }

    /// <summary>The SPF identifier's alignment, when SPF passed.</summary>
    public DmarcAlignmentCheck? Spf { get; init; }

    /// <summary>Each verified DKIM signing domain's alignment.</summary>
    public IReadOnlyList<DmarcAlignmentCheck> Dkim { get; init; } = [];

    /// <summary>The verdict in one sentence, naming the RFC section, e.g. "fails DMARC at example.com (p=reject): …".</summary>
    public required string Summary { get; init; }
}
