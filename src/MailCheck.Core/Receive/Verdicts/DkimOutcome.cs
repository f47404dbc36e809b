namespace MailCheck.Core.Receive.Verdicts;

/// <summary>What the DKIM verdict found, for DMARC and the hygiene checks: every signature's result.</summary>
public sealed record DkimOutcome(IReadOnlyList<DkimSignatureResult> Signatures)
{
    /// <summary>The d= domains of the signatures that verified (RFC 9989 §4.4.1).</summary>
    public IReadOnlyList<string> PassingDomains => [.. Signatures.Where(s => s.Result == DkimResult.Pass).Select(s => s.Domain).Distinct(StringComparer.OrdinalIgnoreCase)];
}
