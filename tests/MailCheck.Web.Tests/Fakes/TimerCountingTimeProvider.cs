using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Web.Tests.Fakes;

/// <summary>A <see cref="FakeTimeProvider"/> that counts the timers created from it and not yet disposed.</summary>
public sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _active;

    /// <summary>Timers created and not disposed.</summary>
    public int ActiveTimers => Volatile.Read(ref _active);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _active);
        return new CountedTimer(this, base.CreateTimer(callback, state, dueTime, period));
    }

    private sealed class CountedTimer(TimerCountingTimeProvider owner, ITimer inner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._active);
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
