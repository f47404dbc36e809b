namespace MailCheck.Web.Safety;

/// <summary>
/// A sliding-window log per key: remembers the times of the last <c>Limit</c> accepted checks of each key and allows a
/// new one only when fewer than <c>Limit</c> fall inside the last <c>Window</c>. Exact (no burst of 2 × Limit at a fixed
/// window's edge) and the retry time is exact too: when the oldest remembered check leaves the window.
/// Memory is bounded: at most <c>MaxTrackedKeys</c> keys of at most <c>Limit</c> timestamps each; keys whose checks
/// have all left the window are dropped, and when the table is full the key quiet for longest is forgotten.
/// Thread-safe; time comes from the caller (a <see cref="TimeProvider"/>).
/// </summary>
public sealed class SlidingWindowLimiter
{
    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public SlidingWindowLimiter(int limit, TimeSpan window, int maxTrackedKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrackedKeys, 1);
        Limit = limit;
        Window = window;
        MaxTrackedKeys = maxTrackedKeys;
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    public int MaxTrackedKeys { get; }

    /// <summary>How many keys are remembered now (for tests and diagnostics).</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>
    /// Counts one check for <paramref name="key"/> at <paramref name="now"/> if the limit allows it and returns null;
    /// otherwise counts nothing and returns how long until the next check would be allowed.
    /// </summary>
    public TimeSpan? TryAcquire(string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (now >= _nextSweep)
            {
                Sweep(now);
                _nextSweep = now + Window;
            }

            if (_keys.TryGetValue(key, out var entry))
            {
                Expire(entry.Times, now);
                if (entry.Times.Count >= Limit)
                {
                    var wait = entry.Times.Peek() + Window - now;
                    return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
                }
            }
            else
            {
                if (_keys.Count >= MaxTrackedKeys)
                {
                    Sweep(now);
                }

                if (_keys.Count >= MaxTrackedKeys)
                {
                    ForgetQuietest();
                }

                entry = new Entry(new Queue<DateTimeOffset>(Math.Min(Limit, 16)));
                _keys[key] = entry;
            }

            entry.Times.Enqueue(now);
            entry.Last = now;
            return null;
        }
    }

    private void Expire(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        // A check counts while it is less than Window old. Time going backwards (clock change) keeps entries.
        while (times.Count > 0 && times.Peek() + Window <= now)
        {
            times.Dequeue();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        List<string>? empty = null;
        foreach (var (key, entry) in _keys)
        {
            Expire(entry.Times, now);
            if (entry.Times.Count == 0)
            {
                (empty ??= []).Add(key);
            }
        }

        if (empty is not null)
        {
            foreach (var key in empty)
            {
                _keys.Remove(key);
            }
        }
    }

    private void ForgetQuietest()
    {
        string? quietest = null;
        var latest = DateTimeOffset.MaxValue;
        foreach (var (key, entry) in _keys)
        {
            if (entry.Last < latest)
            {
                latest = entry.Last;
                quietest = key;
            }
        }

        if (quietest is not null)
        {
            _keys.Remove(quietest);
        }
    }

    private sealed class Entry(Queue<DateTimeOffset> times)
    {
        public Queue<DateTimeOffset> Times { get; } = times;

        public DateTimeOffset Last { get; set; }
    }
}
