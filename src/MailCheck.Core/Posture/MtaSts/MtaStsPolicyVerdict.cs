using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>What the TXT record and the policy alone say (before any MX is judged).</summary>
/// <param name="Title">The item's title when nothing more is judged.</param>
/// <param name="Findings">The findings about the record, the fetch and the policy.</param>
/// <param name="Mode">The mode senders apply, when they apply a policy at all (enforce or testing): the MX must then be judged.</param>
public sealed record MtaStsPolicyVerdict(string Title, IReadOnlyList<ScoreFinding> Findings, MtaStsMode? Mode)
{
    /// <summary>True when senders apply an enforce or testing policy, so the MX hosts are judged against it.</summary>
    public bool JudgesMx => Mode is MtaStsMode.Enforce or MtaStsMode.Testing;
}
