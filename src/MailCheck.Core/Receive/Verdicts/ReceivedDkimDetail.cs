using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>dkim</c> event of a receive check: every signature and its result.</summary>
public sealed record ReceivedDkimDetail(IReadOnlyList<DkimSignatureResult> Signatures) : PostureDetail;
