using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Data;

/// <summary>One check as stored: a row per check, updated as it goes (queued, running, finished).</summary>
public sealed class CheckRecord
{
    public required string Id { get; set; }

    /// <summary>The domain tested (normalised, as the validator returned it).</summary>
    public required string Domain { get; set; }

    public CheckMode Mode { get; set; }

    public CheckStatus Status { get; set; }

    public CheckOutcome? Outcome { get; set; }

    public string? Summary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The request as JSON (<see cref="RedactedRequest"/>): never the password.</summary>
    public required string RequestJson { get; set; }

    /// <summary>The highest event sequence number stored.</summary>
    public int LastSeq { get; set; }

    public List<CheckEventRecord> Events { get; set; } = [];
}
