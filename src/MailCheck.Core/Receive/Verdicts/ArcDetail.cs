using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>arc</c> event: the ARC chain's result (RFC 8617 §5.2), its errors, and what each hop recorded.</summary>
/// <param name="Chain">"pass", "fail" or "none".</param>
/// <param name="Errors">What is wrong with the chain (MimeKit's ArcValidationErrors).</param>
/// <param name="Hops">Each ARC-Authentication-Results, by instance (i=).</param>
public sealed record ArcDetail(string Chain, IReadOnlyList<string> Errors, IReadOnlyList<string> Hops) : PostureDetail;
