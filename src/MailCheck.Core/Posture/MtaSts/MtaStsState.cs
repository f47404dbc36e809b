namespace MailCheck.Core.Posture.MtaSts;

/// <summary>What the discovery step hands the verdict step through the check's context.</summary>
/// <param name="Discovery">The record, fetch and policy.</param>
/// <param name="Verdict">The policy-level verdict; when it judges the MX, the item is still to be made.</param>
public sealed record MtaStsState(MtaStsDiscovery Discovery, MtaStsPolicyVerdict Verdict);
