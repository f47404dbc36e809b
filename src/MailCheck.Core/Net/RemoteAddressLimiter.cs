using System.Net;

namespace MailCheck.Core.Net;

/// <summary>
/// A keyed semaphore: at most <see cref="PerAddress"/> connections open at the same time to one remote IP address,
/// across every check of this process (one instance per process; <c>MailCheck:Limits:PerRemoteAddress</c>). The key is
/// the address alone, in canonical form (an IPv4-mapped IPv6 address counts as its IPv4 address): the port and the MX
/// name do not matter, since it is the same machine that sees the connections. Waiters are served in arrival order.
/// </summary>
public sealed class RemoteAddressLimiter
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public RemoteAddressLimiter(int perAddress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perAddress, 1);
        PerAddress = perAddress;
    }

    /// <summary>Most connections open at once to one address.</summary>
    public int PerAddress { get; }

    /// <summary>Connections open now to <paramref name="address"/> (for tests and diagnostics).</summary>
    public int InUse(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            return _slots.TryGetValue(Key(address), out var slot) ? slot.Held : 0;
        }
    }

    /// <summary>
    /// Takes a slot for <paramref name="address"/>, waiting when every slot is held. <paramref name="onWait"/> runs once,
    /// before waiting, only when a wait is needed (the caller says so in the transcript). Dispose the lease to free
    /// the slot (after the connection is closed).
    /// </summary>
    public async ValueTask<Lease> AcquireAsync(IPAddress address, Action? onWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = Key(address);
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (!_slots.TryGetValue(key, out var slot))
            {
                slot = new Slot();
                _slots[key] = slot;
            }

            if (slot.Held < PerAddress && slot.Waiters.Count == 0)
            {
                slot.Held++;
                return new Lease(this, key);
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            slot.Waiters.AddLast(waiter);
        }

        onWait?.Invoke();
        using (cancellationToken.Register(() => Abandon(key, waiter, cancellationToken)))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return new Lease(this, key);
    }

    private static string Key(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>
    /// A cancelled waiter leaves the line. One that was already handed a slot keeps it: its AcquireAsync returns the
    /// lease, and the caller frees it.
    /// </summary>
    private void Abandon(string key, TaskCompletionSource<bool> waiter, CancellationToken cancellationToken)
    {
        var left = false;
        lock (_lock)
        {
            if (_slots.TryGetValue(key, out var slot) && slot.Waiters.Remove(waiter))
            {
                left = true;
                Forget(key, slot);
            }
        }

        if (left)
        {
            waiter.TrySetCanceled(cancellationToken);
        }
    }

    private void Release(string key)
    {
        TaskCompletionSource<bool>? next = null;
        lock (_lock)
        {
            if (!_slots.TryGetValue(key, out var slot))
            {
                return;
            }

            // Hand the slot straight to the first waiter (Held stays the same), else free it. A waiter in the line is
            // never cancelled: Abandon takes it out of the line first, under this lock.
            if (slot.Waiters.First is { } first)
            {
                slot.Waiters.RemoveFirst();
                next = first.Value;
            }
            else
            {
                slot.Held--;
                Forget(key, slot);
            }
        }

        next?.TrySetResult(true);
    }

    private void Forget(string key, Slot slot)
    {
        if (slot.Held == 0 && slot.Waiters.Count == 0)
        {
            _slots.Remove(key);
        }
    }

    /// <summary>A held slot; disposing it frees the slot (once).</summary>
    public sealed class Lease : IDisposable
    {
        private RemoteAddressLimiter? _owner;
        private readonly string _key;

        internal Lease(RemoteAddressLimiter owner, string key)
        {
            _owner = owner;
            _key = key;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(_key);
    }

    private sealed class Slot
    {
        public int Held { get; set; }

        public LinkedList<TaskCompletionSource<bool>> Waiters { get; } = new();
    }
}
