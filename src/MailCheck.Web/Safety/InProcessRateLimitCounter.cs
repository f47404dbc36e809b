namespace MailCheck.Web.Safety;

/// <summary>A limit counted in this process's memory, on its <see cref="TimeProvider"/>.</summary>
public sealed class InProcessRateLimitCounter(WindowLimitOptions limit, TimeProvider time) : IRateLimitCounter
{
    private readonly SlidingWindowLimiter _limiter = new(limit.Limit, limit.Window, limit.MaxTrackedKeys);

    public int Limit => _limiter.Limit;

    public TimeSpan Window => _limiter.Window;

    public ValueTask<TimeSpan?> TryAcquireAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_limiter.TryAcquire(key, time.GetUtcNow()));
}
