namespace MailCheck.Web.Safety;

/// <summary>
/// One sliding-window rate limit: at most <see cref="Limit"/> checks per key within any <see cref="Window"/>.
/// In one process it lives in memory (<see cref="SlidingWindowLimiter"/>); with several instances in PostgreSQL, so
/// that all of them together allow what one would.
/// </summary>
public interface IRateLimitCounter
{
    int Limit { get; }

    TimeSpan Window { get; }

    /// <summary>
    /// Counts one check for <paramref name="key"/> if the limit allows it and returns null; otherwise counts nothing
    /// and returns how long until the next check would be allowed. Throws when the count cannot be known (then the
    /// caller refuses: a limit fails closed).
    /// </summary>
    ValueTask<TimeSpan?> TryAcquireAsync(string key, CancellationToken cancellationToken);
}
