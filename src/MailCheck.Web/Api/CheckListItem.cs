using MailCheck.Core.Checks;
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
    DateTimeOffset? FinishedAt);
