using MailCheck.Core.Checks;

namespace MailCheck.Core.Scorecard;

/// <summary>The data of the <c>scorecard</c> event: every item, in area order, and the counts.</summary>
public sealed record ScorecardDetail(IReadOnlyList<ScorecardItem> Items, ScoreSummary Summary) : CheckEventDetail;
