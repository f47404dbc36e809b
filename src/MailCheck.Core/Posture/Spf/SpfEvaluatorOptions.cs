namespace MailCheck.Core.Posture.Spf;

/// <summary>The knobs RFC 7208 leaves to the receiver. The limit of 10 DNS-querying terms is not one: it is a MUST.</summary>
public sealed record SpfEvaluatorOptions
{
    /// <summary>The limit of void lookups (RFC 7208 §4.6.4: SHOULD be two; configurable, two recommended).</summary>
    public int MaxVoidLookups { get; init; } = SpfEvaluation.DefaultMaxVoidLookups;

    /// <summary>
    /// Longest one evaluation may take; past it the result is temperror (RFC 7208 §4.6.4: SHOULD allow at least 20
    /// seconds).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The <c>r</c> macro: the name of the host performing the check (RFC 7208 §7.3).</summary>
    public string ReceiverName { get; init; } = "unknown";
}
