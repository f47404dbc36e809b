using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>
/// Streams one check's events to a watcher that may join at any time: registers with the notifier first, then reads
/// the store, then drops duplicates by Seq — so it sees every event exactly once, in order, ending with the outcome.
/// </summary>
public sealed class CheckWatcher(ICheckStore store, ICheckNotifier notifier)
{
    /// <summary>Every event of the check, stored then live, ending with its outcome event.</summary>
    /// <exception cref="KeyNotFoundException">There is no check with this id.</exception>
    public async IAsyncEnumerable<CheckEvent> WatchAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = Channel.CreateUnbounded<CheckEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = notifier.Subscribe(id, update =>
        {
            if (update.Event is not null)
            {
                live.Writer.TryWrite(update.Event);
            }
        });

        var stored = await store.GetAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"There is no check with id '{id}'.");
        var lastSeq = 0;
        foreach (var checkEvent in stored.Events)
        {
            if (checkEvent.Seq <= lastSeq)
            {
                continue;
            }

            lastSeq = checkEvent.Seq;
            yield return checkEvent;
            if (checkEvent.Kind == EventKind.Outcome)
            {
                yield break;
            }
        }

        // Live events arrive in order; anything at or below lastSeq was already in the store.
        var pending = new SortedDictionary<int, CheckEvent>();
        await foreach (var checkEvent in live.Reader.ReadAllAsync(cancellationToken))
        {
            if (checkEvent.Seq <= lastSeq)
            {
                continue;
            }

            pending[checkEvent.Seq] = checkEvent;

            // Normally the next event is always lastSeq + 1; should one never come, the outcome flushes the rest.
            var flush = checkEvent.Kind == EventKind.Outcome;
            while (pending.Count > 0 && (pending.ContainsKey(lastSeq + 1) || flush))
            {
                var next = pending.First().Value;
                pending.Remove(next.Seq);
                lastSeq = next.Seq;
                yield return next;
                if (next.Kind == EventKind.Outcome)
                {
                    yield break;
                }
            }
        }
    }
}
