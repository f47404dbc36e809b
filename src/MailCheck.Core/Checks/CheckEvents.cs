namespace MailCheck.Core.Checks;

/// <summary>Reading a check's facts from its events: the one rule for each, shared by the page, the API and the CLI.</summary>
public static class CheckEvents
{
    /// <summary>The result carried by an outcome event, if it is one.</summary>
    public static CheckResult? ResultOf(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        return checkEvent is { Kind: EventKind.Outcome, Detail: OutcomeDetail detail } ? detail.Result : null;
    }

    /// <summary>The result of the check: the last outcome event's, or null while it runs.</summary>
    public static CheckResult? Result(IEnumerable<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(ResultOf).LastOrDefault(r => r is not null);
    }

    /// <summary>The last connection that succeeded: where the conversation (so far) took place.</summary>
    public static ConnectionDetail? LastConnected(IEnumerable<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(e => e.Detail).OfType<ConnectionDetail>().LastOrDefault(c => c.Connected);
    }

    /// <summary>
    /// The MX host that was used: the one the outcome came from, else the last one connected to. Null for an every-MX
    /// check (scope all), which uses them all.
    /// </summary>
    public static string? UsedHost(IReadOnlyList<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return IsEveryMx(events) ? null : Result(events)?.Host ?? LastConnected(events)?.Host;
    }

    /// <summary>True for the events of an every-MX check (scope all): they hold its target plan.</summary>
    public static bool IsEveryMx(IEnumerable<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Any(e => e.Detail is TargetPlanDetail);
    }
}
