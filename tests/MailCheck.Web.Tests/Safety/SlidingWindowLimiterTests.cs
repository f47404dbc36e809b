using MailCheck.Web.Safety;

namespace MailCheck.Web.Tests.Safety;

public sealed class SlidingWindowLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAcquire_UpToLimit_AllowsThenRefusesWithTimeUntilOldestLeaves()
    {
        var limiter = new SlidingWindowLimiter(3, TimeSpan.FromMinutes(10), 100);

        Assert.Null(limiter.TryAcquire("a", T0));
        Assert.Null(limiter.TryAcquire("a", T0.AddMinutes(2)));
        Assert.Null(limiter.TryAcquire("a", T0.AddMinutes(4)));

        Assert.Equal(TimeSpan.FromMinutes(5), limiter.TryAcquire("a", T0.AddMinutes(5)));
    }

    [Fact]
    public void TryAcquire_Sliding_FreesOneSlotAsEachCheckLeavesTheWindow()
    {
        var limiter = new SlidingWindowLimiter(2, TimeSpan.FromMinutes(10), 100);
        limiter.TryAcquire("a", T0);
        limiter.TryAcquire("a", T0.AddMinutes(6));

        // A fixed window starting at T0 would allow two more at T0+10; the sliding window allows one, then waits.
        Assert.Null(limiter.TryAcquire("a", T0.AddMinutes(10)));
        Assert.Equal(TimeSpan.FromMinutes(6), limiter.TryAcquire("a", T0.AddMinutes(10)));
        Assert.Null(limiter.TryAcquire("a", T0.AddMinutes(16)));
    }

    [Fact]
    public void TryAcquire_Refused_DoesNotCountTheRefusal()
    {
        var limiter = new SlidingWindowLimiter(1, TimeSpan.FromMinutes(1), 100);
        limiter.TryAcquire("a", T0);
        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(limiter.TryAcquire("a", T0.AddSeconds(i)));
        }

        Assert.Null(limiter.TryAcquire("a", T0.AddMinutes(1)));
    }

    [Fact]
    public void TryAcquire_KeysAreCountedSeparately()
    {
        var limiter = new SlidingWindowLimiter(1, TimeSpan.FromMinutes(1), 100);

        Assert.Null(limiter.TryAcquire("a", T0));
        Assert.NotNull(limiter.TryAcquire("a", T0));
        Assert.Null(limiter.TryAcquire("b", T0));
    }

    [Fact]
    public void TryAcquire_ManyKeys_TracksNoMoreThanTheCapAndForgetsTheQuietest()
    {
        var limiter = new SlidingWindowLimiter(1, TimeSpan.FromHours(1), 16);

        for (var i = 0; i < 10_000; i++)
        {
            limiter.TryAcquire($"client-{i}", T0.AddMilliseconds(i));
            Assert.True(limiter.TrackedKeys <= 16);
        }

        // The newest key is still limited; the first one was forgotten to make room.
        Assert.NotNull(limiter.TryAcquire("client-9999", T0.AddSeconds(11)));
        Assert.Null(limiter.TryAcquire("client-0", T0.AddSeconds(11)));
    }

    [Fact]
    public void TryAcquire_AfterTheWindow_ForgetsIdleKeys()
    {
        var limiter = new SlidingWindowLimiter(5, TimeSpan.FromMinutes(1), 1000);
        for (var i = 0; i < 100; i++)
        {
            limiter.TryAcquire($"client-{i}", T0);
        }

        Assert.Equal(100, limiter.TrackedKeys);

        limiter.TryAcquire("late", T0.AddMinutes(2));

        Assert.Equal(1, limiter.TrackedKeys);
    }

    [Fact]
    public async Task TryAcquire_Concurrently_NeverAllowsMoreThanTheLimit()
    {
        var limiter = new SlidingWindowLimiter(10, TimeSpan.FromMinutes(1), 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => limiter.TryAcquire("a", T0))));

        Assert.Equal(10, results.Count(r => r is null));
    }
}
