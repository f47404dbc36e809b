namespace MailCheck.Core.Scorecard;

/// <summary>
/// One row of the scorecard: a verdict about one aspect (<see cref="Id"/>) of the domain, of one of its hosts
/// (<see cref="Target"/>), or of MailCheck's own mail. Data, not markup: the page, the text transcript, the API and
/// the CLI all render it.
/// </summary>
public sealed record ScorecardItem
{
    /// <summary>Stable id of the aspect: <c>spf</c>, <c>dmarc</c>, <c>dkim</c>, <c>tlsRpt</c>, <c>bimi</c>, <c>ptr</c>,
    /// <c>blocklist</c>, <c>egress</c>, <c>dnssec</c>, <c>dane</c>, <c>mtaSts</c>, <c>tls</c> (see <see cref="ScorecardIds"/>).</summary>
    public required string Id { get; init; }

    public required ScoreArea Area { get; init; }

    /// <summary>The verdict: the most severe of the findings, or the item's own when it has none.</summary>
    public required ScoreStatus Status { get; init; }

    /// <summary>One line, e.g. "SPF: one valid record, 4 of 10 DNS lookups".</summary>
    public required string Title { get; init; }

    /// <summary>What was seen, naming the RFC section behind the verdict ("says who?").</summary>
    public string Detail { get; init; } = "";

    /// <summary>One line saying what to change, e.g. "Merge the two SPF records into one: v=spf1 … -all".</summary>
    public string? Fix { get; init; }

    /// <summary>What the item is about when several items share an id: a host, an address, a selector.</summary>
    public string? Target { get; init; }

    /// <summary>Every observation behind the verdict, most severe first.</summary>
    public IReadOnlyList<ScoreFinding> Findings { get; init; } = [];

    /// <summary>The key that identifies the item within a scorecard (and across two checks when comparing).</summary>
    public string Key => Target is null ? Id : $"{Id}:{Target}";

    /// <summary>
    /// Builds an item from its findings: the status is the most severe finding's, the title and fix default to that
    /// finding's text and fix.
    /// </summary>
    public static ScorecardItem FromFindings(string id, ScoreArea area, string title, string detail, IReadOnlyList<ScoreFinding> findings, string? target = null, string? fix = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var ordered = findings.OrderByDescending(f => f.Status).ToList();
        var status = ordered.Count == 0 ? ScoreStatus.Info : ordered[0].Status;
        return new ScorecardItem
        {
            Id = id,
            Area = area,
            Status = status,
            Title = title,
            Detail = detail,
            Fix = fix ?? ordered.FirstOrDefault(f => f.Fix is not null && f.Status >= ScoreStatus.Warn)?.Fix,
            Target = target,
            Findings = ordered,
        };
    }
}
