using MailCheck.Core.Checks;

namespace MailCheck.Core.Documents;

/// <summary>
/// A check as its owner knows it at one moment (the web app's store, or the CLI that ran it): what
/// <see cref="CheckDocument.From"/> turns into the check document.
/// </summary>
public sealed record CheckSnapshot
{
    public required string Id { get; init; }

    public required CheckStatus Status { get; init; }

    public CheckOutcome? Outcome { get; init; }

    public string? Summary { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required RedactedRequest Request { get; init; }

    /// <summary>The events so far, in order.</summary>
    public IReadOnlyList<CheckEvent> Events { get; init; } = [];
}
