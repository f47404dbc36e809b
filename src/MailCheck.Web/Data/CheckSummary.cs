using MailCheck.Core.Checks;
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
    DateTimeOffset? FinishedAt);
