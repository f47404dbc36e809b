using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace MailCheck.Web.Checks;

/// <summary>In-process fan-out of check updates. Watchers register first, then read the store, then drop duplicates by Seq.</summary>
public sealed partial class CheckNotifier(ILogger<CheckNotifier> logger) : ICheckNotifier
{
    private readonly ConcurrentDictionary<string, ImmutableList<Subscription>> _subscriptions = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string checkId, Action<CheckUpdate> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(checkId);
        ArgumentNullException.ThrowIfNull(onUpdate);
        var subscription = new Subscription(this, checkId, onUpdate);
        _subscriptions.AddOrUpdate(checkId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public void Publish(string checkId, CheckUpdate update)
    {
        if (_subscriptions.TryGetValue(checkId, out var list))
        {
            Deliver(checkId, list, update);
        }
    }

    public void Resync()
    {
        foreach (var (checkId, list) in _subscriptions)
        {
            Deliver(checkId, list, CheckUpdate.Resync);
        }
    }

    private void Deliver(string checkId, ImmutableList<Subscription> list, CheckUpdate update)
    {
        foreach (var subscription in list)
        {
            try
            {
                subscription.Handler(update);
            }
#pragma warning disable CA1031 // One broken watcher must not stop the check or the other watchers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWatcherFailed(logger, ex, checkId);
            }
        }
    }

    /// <summary>The number of live watchers of a check (for tests and diagnostics).</summary>
    public int WatcherCount(string checkId) => _subscriptions.TryGetValue(checkId, out var list) ? list.Count : 0;

    private void Remove(Subscription subscription)
    {
        while (_subscriptions.TryGetValue(subscription.CheckId, out var list))
        {
            var updated = list.Remove(subscription);
            if (updated.IsEmpty
                ? _subscriptions.TryRemove(new KeyValuePair<string, ImmutableList<Subscription>>(subscription.CheckId, list))
                : _subscriptions.TryUpdate(subscription.CheckId, updated, list))
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A watcher of check {CheckId} failed")]
    private static partial void LogWatcherFailed(ILogger logger, Exception exception, string checkId);

    private sealed class Subscription(CheckNotifier owner, string checkId, Action<CheckUpdate> handler) : IDisposable
    {
        private int _disposed;

        public string CheckId { get; } = checkId;

        public Action<CheckUpdate> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
