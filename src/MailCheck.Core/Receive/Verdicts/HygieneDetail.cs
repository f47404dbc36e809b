using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>hygiene</c> event: the message's size and line-ending counts, with the item.</summary>
public sealed record HygieneDetail(long Size, int BareLineFeeds, int LongLines, int SmugglingSequences) : PostureDetail;
