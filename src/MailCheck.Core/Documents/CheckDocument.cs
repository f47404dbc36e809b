using System.Text.Json.Serialization;
using MailCheck.Core.Checks;
using MailCheck.Core.Receive;
using MailCheck.Core.Matrix;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Documents;

/// <summary>
/// The JSON document of one check, the same wherever it comes from: <c>GET /api/checks/{id}</c> and
/// <c>mailcheck --json</c>. Status, outcome, summary, times, the request (never the password), the MX hosts (the one
/// used marked), the full result and every event. Serialise it with <see cref="CheckJson.Options"/>.
/// </summary>
public sealed record CheckDocument
{
    public required string Id { get; init; }

    /// <summary>The share link; null for a check run by the CLI on its own (no page to link to).</summary>
    public required string? Url { get; init; }

    public required CheckStatus Status { get; init; }

    public CheckOutcome? Outcome { get; init; }

    public string? Summary { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required RedactedRequest Request { get; init; }

    public IReadOnlyList<CheckDocumentMxHost> Mx { get; init; } = [];

    /// <summary>The full result (step, host, address, codes, queue id) once finished.</summary>
    public CheckResult? Result { get; init; }

    /// <summary>
    /// The posture scorecard: items {id, area, status, title, detail, fix, target, findings}, counts per status, and
    /// whether it is complete (while a check runs, the items its posture steps reported so far). Null when the check
    /// ran without posture.
    /// </summary>
    public ScorecardSnapshot? Scorecard { get; init; }

    /// <summary>Receive checks only: the one-time address the message goes to (absent for every other check).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReceiveAddress { get; init; }

    /// <summary>Receive checks only: until when the address takes its message.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ReceiveExpiresAt { get; init; }
    /// <summary>
    /// Every MX at once (request scope all): rows {index, host, preference, address, port, stages: [{name, status, ms,
    /// reply, code, text, differs}], outcome, summary, notTested}, the differences between the hosts, and counts. Null
    /// for a check of the first MX only.
    /// </summary>
    public MxMatrix? Matrix { get; init; }

    public IReadOnlyList<CheckDocumentEvent> Events { get; init; } = [];

    /// <summary>The document of <paramref name="check"/>, linked to <paramref name="url"/>.</summary>
    public static CheckDocument From(CheckSnapshot check, string? url)
    {
        ArgumentNullException.ThrowIfNull(check);
        var mx = check.Events.Select(e => e.Detail).OfType<MxDetail>().LastOrDefault();
        var used = CheckEvents.UsedHost(check.Events);
        var wait = check.Events.Select(e => e.Detail).OfType<ReceiveWaitDetail>().FirstOrDefault();
        return new CheckDocument
        {
            Id = check.Id,
            Url = url,
            Status = check.Status,
            Outcome = check.Outcome,
            Summary = check.Summary,
            CreatedAt = check.CreatedAt,
            StartedAt = check.StartedAt,
            FinishedAt = check.FinishedAt,
            Request = check.Request,
            Result = CheckEvents.Result(check.Events),
            Mx = mx?.Hosts.Select(h => new CheckDocumentMxHost(
                h.Host,
                h.Preference,
                h.Addresses.Select(a => a.Address).ToList(),
                string.Equals(h.Host, used, StringComparison.OrdinalIgnoreCase))).ToList() ?? [],
            Scorecard = ScorecardSnapshot.From(check.Events),
            ReceiveAddress = wait?.Address,
            ReceiveExpiresAt = wait?.ExpiresAt,
            Matrix = check.Request.Scope == CheckScope.All ? MxMatrixBuilder.Build(check.Events, check.Request.Mode, check.Request.Tls) : null,
            Events = check.Events.Select(CheckDocumentEvent.From).ToList(),
        };
    }
}
