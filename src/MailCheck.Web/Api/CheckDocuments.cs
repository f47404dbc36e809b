using MailCheck.Core.Documents;
using MailCheck.Web.Data;

namespace MailCheck.Web.Api;

/// <summary>A stored check as Core's <see cref="CheckDocument"/> (<c>GET /api/checks/{id}</c>), the document the CLI writes too.</summary>
public static class CheckDocuments
{
    public static CheckDocument From(StoredCheck check, string url)
    {
        ArgumentNullException.ThrowIfNull(check);
        return CheckDocument.From(
            new CheckSnapshot
            {
                Id = check.Id,
                Status = check.Status,
                Outcome = check.Outcome,
                Summary = check.Summary,
                CreatedAt = check.CreatedAt,
                StartedAt = check.StartedAt,
                FinishedAt = check.FinishedAt,
                Request = check.Request,
                Events = check.Events,
            },
            url);
    }
}
