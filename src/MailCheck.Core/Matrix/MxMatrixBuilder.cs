using MailCheck.Core.Checks;

namespace MailCheck.Core.Matrix;

/// <summary>
/// Builds the MX matrix from a check's events (live or stored): one row per planned target, in MX order, with a host
/// that has no address as a row of its own; each cell read from the target's events (<see cref="MatrixCells"/>); the
/// differences between the hosts (<see cref="MatrixDifferences"/>). The page, the API document and the CLI all use it.
/// </summary>
public static class MxMatrixBuilder
{
    /// <summary>
    /// The matrix of <paramref name="events"/>. <paramref name="mode"/> and <paramref name="tls"/> are the request's:
    /// they say which steps are part of the check at all.
    /// </summary>
    public static MxMatrix Build(IReadOnlyList<CheckEvent> events, CheckMode mode, TlsPolicy tls)
    {
        ArgumentNullException.ThrowIfNull(events);
        var finished = events.Any(e => e.Kind == EventKind.Outcome);
        var mx = events.Select(e => e.Detail).OfType<MxDetail>().LastOrDefault();
        var plan = events.Select(e => e.Detail).OfType<TargetPlanDetail>().LastOrDefault();
        var transcripts = TargetTranscript.Of(events).ToDictionary(t => t.Target.Index);
        var targets = plan?.Targets ?? [.. transcripts.Values.Select(t => t.Target)];

        var built = new List<(MxMatrixRow Row, TargetFacts? Facts)>();
        var placed = new HashSet<int>();
        foreach (var host in mx?.Hosts ?? [])
        {
            var mine = targets.Where(t => string.Equals(t.Host, host.Host, StringComparison.OrdinalIgnoreCase) && placed.Add(t.Index)).ToList();
            built.AddRange(mine.Select(t => Row(t, host.Preference, transcripts, mode, tls, finished)));
            if (host.Addresses.Count == 0 && !built.Any(b => string.Equals(b.Row.Host, host.Host, StringComparison.OrdinalIgnoreCase)))
            {
                built.Add((NoAddress(host.Host, host.Preference, host.Error, targets.Count > 0 ? targets[0].Port : 25), null));
            }
        }

        built.AddRange(targets.Where(t => placed.Add(t.Index)).Select(t => Row(t, 0, transcripts, mode, tls, finished)));
        var rows = MatrixDifferences.Mark(built, tls, out var differences);
        return new MxMatrix
        {
            Rows = rows,
            Differences = differences,
            Tested = rows.Count(r => r.Index is not null && r.Outcome is not null && r.NotTested is null),
            Accepted = rows.Count(r => r.Outcome == CheckOutcome.Accepted && r.NotTested is null),
            NotTested = rows.Count(r => r.NotTested is not null || r.Index is null),
            Running = finished ? 0 : rows.Count(r => r.Index is not null && r.Outcome is null),
        };
    }

    private static (MxMatrixRow Row, TargetFacts? Facts) Row(EventTarget target, int preference, Dictionary<int, TargetTranscript> transcripts, CheckMode mode, TlsPolicy tls, bool finished)
    {
        var facts = TargetFacts.Of(transcripts.TryGetValue(target.Index, out var transcript) ? transcript.Events : []);
        var outcome = facts.Outcome;
        var row = new MxMatrixRow
        {
            Index = target.Index,
            Host = target.Host,
            Preference = preference,
            Address = target.Address,
            Port = target.Port,
            Stages = MatrixCells.Of(facts, target.Host, mode, tls, ended: finished || outcome is not null),
            Outcome = outcome?.Result.Outcome,
            Summary = outcome?.Result.Summary ?? (finished ? "Not finished: the check ended before this target did." : null),
            NotTested = outcome?.NotTested,
        };
        return (row, facts);
    }

    /// <summary>An MX host without any address: nothing to connect to (the domain's DNS is at fault, or unreadable).</summary>
    private static MxMatrixRow NoAddress(string host, int preference, string? error, int port)
    {
        var cells = MxMatrix.Columns
            .Select(stage => stage == MatrixStage.Connect
                ? new MatrixCell(stage, MatrixCellStatus.Fail) { Text = "no address", Reply = error ?? $"{host} has no A or AAAA record." }
                : new MatrixCell(stage, MatrixCellStatus.NotReached))
            .ToList();
        return new MxMatrixRow
        {
            Host = host,
            Preference = preference,
            Port = port,
            Stages = cells,
            Summary = $"{host} has no address: {error ?? "no A or AAAA record"}",
            NotTested = "it has no address",
        };
    }
}
