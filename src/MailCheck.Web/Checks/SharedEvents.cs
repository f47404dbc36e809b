using System.Collections.Concurrent;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>
/// One object per stored event for every page that shows it. A stored event never changes (a check's events are only
/// appended, each under a new Seq, and a check's id is never reused), so the pages that load the same check — a shared
/// link opened by many people, viewers who join a running check — can hold the same <see cref="CheckEvent"/> objects
/// instead of a deserialized copy each, and with them the transcript's HTML, which is made once per event object
/// (<c>TranscriptLine</c>). Events that come live are shared already (one object published to every page); this does the
/// same for what a page reads from the store. The table holds its events weakly: it keeps nothing alive that no page
/// holds, and drops the entries of events that are gone as it grows (docs/benchmarks.md, measure 5: what one more open
/// result page retains).
/// </summary>
public sealed class SharedEvents
{
    /// <summary>After this many new entries the table drops those whose event is gone.</summary>
    internal const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string CheckId, int Seq), WeakReference<CheckEvent>> _events = new();
    private int _addedSinceSweep;

    /// <summary>The entries in the table, live or not yet swept (for tests).</summary>
    internal int Count => _events.Count;

    /// <summary>The check with its events replaced by the objects other pages already hold, where they hold them.</summary>
    public StoredCheck Share(StoredCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Events.Count == 0 ? check : check with { Events = Share(check.Id, check.Events) };
    }

    /// <summary>The events of check <paramref name="checkId"/>, each replaced by the object other pages already hold, if any.</summary>
    public IReadOnlyList<CheckEvent> Share(string checkId, IReadOnlyList<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var shared = new CheckEvent[events.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Share(checkId, events[i]);
        }

        return shared;
    }

    /// <summary>The object held for event <paramref name="checkEvent"/>.Seq of check <paramref name="checkId"/>: the one already in use, or this one.</summary>
    public CheckEvent Share(string checkId, CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkId);
        ArgumentNullException.ThrowIfNull(checkEvent);
        var held = _events.GetOrAdd((checkId, checkEvent.Seq), static (_, e) => new WeakReference<CheckEvent>(e), checkEvent);
        if (held.TryGetTarget(out var existing) && !ReferenceEquals(existing, checkEvent))
        {
            return existing;
        }

        // This copy is the one from now on: a new entry, or one whose event every page let go of. (Two pages racing
        // here may each keep their own copy, which is only the state before this class.)
        held.SetTarget(checkEvent);
        if (Interlocked.Increment(ref _addedSinceSweep) >= SweepEvery)
        {
            Sweep();
        }

        return checkEvent;
    }

    /// <summary>Drops the entries whose event no page holds any more.</summary>
    internal void Sweep()
    {
        Interlocked.Exchange(ref _addedSinceSweep, 0);
        foreach (var entry in _events)
        {
            if (!entry.Value.TryGetTarget(out _))
            {
                _events.TryRemove(entry);
            }
        }
    }
}
