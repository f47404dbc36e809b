using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Data;

/// <summary>One row of the history.</summary>
public sealed record CheckSummary(
    string Id,
    string Domain,
    CheckMode Mode,
    CheckStatus Status,
    CheckOutcome? Outcome,
    string? Summary,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The scorecard's counts, once the check's scorecard event is stored (null without posture).</summary>
    public ScoreSummary? Score { get; init; }
}
