using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Data;

/// <summary>A check read back from the store, with its events in order.</summary>
public sealed record StoredCheck
{
    public required string Id { get; init; }

    public required string Domain { get; init; }

    public required CheckStatus Status { get; init; }

    public CheckOutcome? Outcome { get; init; }

    public string? Summary { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required RedactedRequest Request { get; init; }

    public IReadOnlyList<CheckEvent> Events { get; init; } = [];
}
