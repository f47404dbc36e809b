using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Api;

/// <summary><c>GET /api/checks/{id}</c>: the check, its request (never the password), MX hosts and every event.</summary>
public sealed record CheckDetailsResponse
{
    public required string Id { get; init; }

    public required string Url { get; init; }

    public required CheckStatus Status { get; init; }

    public CheckOutcome? Outcome { get; init; }

    public string? Summary { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required StoredRequest Request { get; init; }

    public IReadOnlyList<ApiMxHost> Mx { get; init; } = [];

    /// <summary>The full result (step, host, address, codes, queue id) once finished.</summary>
    public CheckResult? Result { get; init; }

    /// <summary>
    /// The posture scorecard: items {id, area, status, title, detail, fix, target, findings}, counts per status, and
    /// whether it is complete (while a check runs, the items its posture steps reported so far). Null when the check
    /// ran without posture.
    /// </summary>
    public ScorecardSnapshot? Scorecard { get; init; }

    public IReadOnlyList<ApiCheckEvent> Events { get; init; } = [];

    public static CheckDetailsResponse From(StoredCheck check, string url)
    {
        ArgumentNullException.ThrowIfNull(check);
        var result = check.Events.Select(OutcomeEvents.ResultOf).LastOrDefault(r => r is not null);
        var mx = check.Events.Select(e => e.Detail).OfType<MxDetail>().LastOrDefault();
        var used = result?.Host ?? OutcomeEvents.LastConnected(check.Events)?.Host;
        return new CheckDetailsResponse
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
            Result = result,
            Mx = mx?.Hosts.Select(h => new ApiMxHost(
                h.Host,
                h.Preference,
                h.Addresses.Select(a => a.Address).ToList(),
                string.Equals(h.Host, used, StringComparison.OrdinalIgnoreCase))).ToList() ?? [],
            Scorecard = ScorecardSnapshot.From(check.Events),
            Events = check.Events.Select(ApiCheckEvent.From).ToList(),
        };
    }
}
