using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>
/// The one live feed of a check's events, for every watcher (the result page and the hub alike), wherever the check
/// runs. It subscribes to the notifier first, then reads the store, then follows the notifications, dropping
/// duplicates by Seq; whenever it learns of an event it has not got in hand (another instance ran it, a gap, a
/// resync) it reads the store again. The store is the only truth: so every event arrives exactly once, in order,
/// ending with the outcome, however the store and the notifications interleave.
/// </summary>
public sealed class CheckFeed(ICheckStore store, ICheckNotifier notifier, SharedEvents shared)
{
    /// <summary>With no notification for this long a running check's store is read anyway (a lost NOTIFY costs a delay, never an event).</summary>
    public static TimeSpan RecheckInterval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The check's events after <paramref name="afterSeq"/> (0: all of them), stored then live, ending with its outcome event.</summary>
    /// <exception cref="KeyNotFoundException">There is no check with this id.</exception>
    public async IAsyncEnumerable<CheckEvent> WatchAsync(string id, int afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<CheckUpdate>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = notifier.Subscribe(id, update => updates.Writer.TryWrite(update));

        var lastSeq = afterSeq;
        var pending = new SortedDictionary<int, CheckEvent>();
        IReadOnlyList<CheckEvent>? stored = await store.ReadEventsAsync(id, lastSeq, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no check with id '{id}'.");
        var justRead = true;
        while (true)
        {
            if (stored is null)
            {
                yield break; // the check is gone (deleted by retention after it finished)
            }

            foreach (var e in stored)
            {
                if (e.Seq > lastSeq)
                {
                    // Read from the store: the object every other watcher of this check holds, if one does.
                    pending.TryAdd(e.Seq, shared.Share(id, e));
                }
            }

            // Whatever is in hand, in order without a hole. A hole is filled from the store; only when the store has
            // just been read and still has nothing there (a writer that failed mid-check) does the outcome let the
            // rest through.
            var flush = justRead && pending.Values.Any(e => e.Kind == EventKind.Outcome);
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

            // A hole that live events opened is read at once; otherwise wait for news, or look anyway after a while.
            var mustRead = pending.Count > 0 && !justRead;
            if (!mustRead)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                quiet.CancelAfter(RecheckInterval);
                try
                {
                    await updates.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    mustRead = true;
                }
            }

            while (updates.Reader.TryRead(out var update))
            {
                if (update.Event is { } live)
                {
                    if (live.Seq > lastSeq)
                    {
                        pending.TryAdd(live.Seq, live);
                    }
                }
                else if (update.StoredSeq is not { } storedSeq || storedSeq > lastSeq)
                {
                    mustRead = true;
                }
            }

            mustRead |= pending.Count > 0 && !pending.ContainsKey(lastSeq + 1);
            justRead = mustRead;
            stored = mustRead ? await store.ReadEventsAsync(id, lastSeq, cancellationToken) : [];
        }
    }
}
