namespace MailCheck.Core.Checks;

/// <summary>The events of one target (one address of one MX host), in order.</summary>
/// <param name="Target">The target.</param>
/// <param name="Events">Its events, in order (every connection made to it: a fallback without TLS makes two).</param>
public sealed record TargetTranscript(EventTarget Target, IReadOnlyList<CheckEvent> Events)
{
    /// <summary>
    /// A check's events per target, in the order the targets were first seen. Events carry their target since targets
    /// exist; for a check stored before that, a target is inferred for each connection from its connect event, and the
    /// events of the same host that follow it belong to it.
    /// </summary>
    public static IReadOnlyList<TargetTranscript> Of(IReadOnlyList<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Any(e => e.Target is not null) ? ByTarget(events) : Inferred(events);
    }

    private static List<TargetTranscript> ByTarget(IReadOnlyList<CheckEvent> events)
    {
        var order = new List<int>();
        var groups = new Dictionary<int, (EventTarget Target, List<CheckEvent> Events)>();
        foreach (var e in events)
        {
            if (e.Target is not { } target)
            {
                continue;
            }

            if (!groups.TryGetValue(target.Index, out var group))
            {
                group = (target, []);
                groups[target.Index] = group;
                order.Add(target.Index);
            }

            group.Events.Add(e);
        }

        return [.. order.Select(i => new TargetTranscript(groups[i].Target, groups[i].Events))];
    }

    private static List<TargetTranscript> Inferred(IReadOnlyList<CheckEvent> events)
    {
        var result = new List<TargetTranscript>();
        List<CheckEvent>? current = null;
        EventTarget? target = null;
        foreach (var e in events)
        {
            if (e is { Kind: EventKind.Connect, Detail: ConnectionDetail c })
            {
                if (target is not null)
                {
                    result.Add(new TargetTranscript(target, current!));
                }

                target = new EventTarget(result.Count + 1, c.Host, c.Address, c.Port);
                current = [e];
                continue;
            }

            if (target is not null && e.Host == target.Host && e.Kind is not (EventKind.Outcome or EventKind.Dns))
            {
                current!.Add(e);
            }
        }

        if (target is not null)
        {
            result.Add(new TargetTranscript(target, current!));
        }

        return result;
    }
}
