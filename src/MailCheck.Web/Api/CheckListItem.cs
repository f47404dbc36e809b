using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Api;

/// <summary>One row of <c>GET /api/checks</c>.</summary>
public sealed record CheckListItem(
    string Id,
    string Url,
    string Domain,
    CheckMode Mode,
    CheckStatus Status,
    CheckOutcome? Outcome,
    string? Summary,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The scorecard's counts {pass, warn, fail, info, notTested}; null for a check without posture or still running.</summary>
    public ScoreSummary? Score { get; init; }
}
