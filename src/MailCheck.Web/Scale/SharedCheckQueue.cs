using System.Collections.Concurrent;
using MailCheck.Web.Checks;
using MailCheck.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Scale;

/// <summary>
/// The queue of N instances: the checks table (<see cref="PostgresCheckStore"/>). <c>QueueCapacity</c> counts checks
/// waiting anywhere. What stays in this process is only what must: the requests of checks with AUTH credentials
/// (their password never leaves the instance that received it), and a wake-up for the local runner.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue, and called so everywhere.")]
public sealed class SharedCheckQueue(PostgresCheckStore store, IOptions<LimitsOptions> limits) : ICheckQueue, IDisposable
{
    private readonly ConcurrentDictionary<string, QueuedCheck> _pinned = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public int Capacity { get; } = limits.Value.QueueCapacity;

    public bool IsAcceptingWork { get; private set; } = true;

    /// <summary>Checks with credentials waiting here for this instance's runner.</summary>
    public IReadOnlyCollection<string> PinnedIds => [.. _pinned.Keys];

    public async ValueTask<int> CountAsync(CancellationToken cancellationToken) => await store.CountQueuedAsync(cancellationToken);

    public bool TryEnqueue(QueuedCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Request.Auth is not null)
        {
            // Only this instance can run it: it must still be taking work.
            if (!IsAcceptingWork)
            {
                return false;
            }

            _pinned[check.Id] = check;
        }

        // Any other check is in the shared queue already: some instance runs it, even if this one is stopping.
        Wake();
        return true;
    }

    /// <summary>The request (with its password) of a pinned check this instance claimed; null when it is not here.</summary>
    public QueuedCheck? TakePinned(string id) => _pinned.TryRemove(id, out var check) ? check : null;

    /// <summary>Forgets the credentials of checks that will not run here any more (shutdown).</summary>
    public int ForgetPinned()
    {
        var count = _pinned.Count;
        _pinned.Clear();
        return count;
    }

    /// <summary>Tells the local runner to look at the queue now (a check was queued here or elsewhere).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>Waits for <see cref="Wake"/>, at most <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>Stops taking checks (shutdown); queued free checks stay in the table for the other instances.</summary>
    public void Close() => IsAcceptingWork = false;

    public void Dispose() => _wake.Dispose();
}
