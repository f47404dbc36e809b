using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.ReverseDns;

/// <summary>The data of the <c>ptr</c> event: the reverse DNS of each mail server address checked.</summary>
public sealed record PtrDetail(IReadOnlyList<PtrEntry> Entries) : PostureDetail;
