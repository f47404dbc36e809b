namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// The policy a receiver applies to mail that fails DMARC for one author domain (RFC 9989 §4.10.1): which tag it came
/// from and what <c>t=y</c> makes of it (RFC 9989 §4.7).
/// </summary>
public sealed record DmarcAppliedPolicy
{
    /// <summary>The policy as published.</summary>
    public required DmarcPolicy Policy { get; init; }

    /// <summary>The tag it came from: <c>p</c>, <c>sp</c> or <c>np</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>True with <c>t=y</c>.</summary>
    public bool Testing { get; init; }

    /// <summary>
    /// What the owner expects receivers to apply: with <c>t=y</c> one level below the policy (reject becomes quarantine,
    /// quarantine becomes none; RFC 9989 §4.7), otherwise the policy itself.
    /// </summary>
    public DmarcPolicy Effective => Testing && Policy != DmarcPolicy.None ? Policy - 1 : Policy;

    /// <summary>Why this policy applies, naming the RFC section.</summary>
    public required string Reason { get; init; }

    /// <summary>E.g. <c>p=reject</c>, or <c>sp=quarantine (t=y: none)</c>.</summary>
    public override string ToString()
    {
        var text = $"{Tag}={Name(Policy)}";
        return Effective == Policy ? text : $"{text} (t=y: {Name(Effective)})";
    }

    /// <summary>The policy as written in a record.</summary>
    public static string Name(DmarcPolicy policy) => policy switch
    {
        DmarcPolicy.Reject => "reject",
        DmarcPolicy.Quarantine => "quarantine",
        _ => "none",
    };
}
