namespace MailCheck.Core.Scorecard;

/// <summary>
/// The scorecard of one check as its stages fill it. Thread-safe. An item replaces an earlier one with the same
/// <see cref="ScorecardItem.Key"/>.
/// </summary>
public sealed class ScorecardBuilder
{
    private readonly Lock _lock = new();
    private readonly List<ScorecardItem> _items = [];

    /// <summary>Adds or replaces an item.</summary>
    public void Set(ScorecardItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            var i = _items.FindIndex(x => x.Key == item.Key);
            if (i >= 0)
            {
                _items[i] = item;
            }
            else
            {
                _items.Add(item);
            }
        }
    }

    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _items.Exists(x => x.Id == id);
        }
    }

    /// <summary>Every item, by area, then in the order they were first set.</summary>
    public IReadOnlyList<ScorecardItem> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Select((item, i) => (item, i)).OrderBy(x => x.item.Area).ThenBy(x => x.i).Select(x => x.item)];
            }
        }
    }
}
