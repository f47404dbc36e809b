using System.Net;
using MailCheck.Core.Net;

namespace MailCheck.Core.Tests.Net;

public class RemoteAddressLimiterTests
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.25");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AcquireAsync_UnderTheLimit_GrantsAtOnceWithoutWaiting()
    {
        var limiter = new RemoteAddressLimiter(2);
        var waits = 0;

        using var one = await limiter.AcquireAsync(Address, () => waits++, CancellationToken.None);
        using var two = await limiter.AcquireAsync(Address, () => waits++, CancellationToken.None);

        Assert.Equal(0, waits);
        Assert.Equal(2, limiter.InUse(Address));
    }

    [Fact]
    public async Task AcquireAsync_AtTheLimit_WaitsUntilASlotIsFreedAndSaysSoOnce()
    {
        var limiter = new RemoteAddressLimiter(1);
        var waits = 0;
        var first = await limiter.AcquireAsync(Address, null, CancellationToken.None);

        var second = limiter.AcquireAsync(Address, () => waits++, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var lease = await second.WaitAsync(Bound);

        Assert.Equal(1, waits);
        Assert.Equal(1, limiter.InUse(Address));
    }

    [Fact]
    public async Task AcquireAsync_SeveralWaiting_ServedInArrivalOrder()
    {
        var limiter = new RemoteAddressLimiter(1);
        var held = await limiter.AcquireAsync(Address, null, CancellationToken.None);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 3).Select(async i =>
        {
            using var lease = await limiter.AcquireAsync(Address, null, CancellationToken.None);
            lock (order)
            {
                order.Add(i);
            }
        }).ToList();

        held.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Bound);

        Assert.Equal([1, 2, 3], order);
        Assert.Equal(0, limiter.InUse(Address));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_LeavesTheLineAndTheSlotGoesToTheNext()
    {
        var limiter = new RemoteAddressLimiter(1);
        var held = await limiter.AcquireAsync(Address, null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(Address, null, cancel.Token).AsTask();
        var next = limiter.AcquireAsync(Address, null, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));
        held.Dispose();
        using var lease = await next.WaitAsync(Bound);

        Assert.Equal(1, limiter.InUse(Address));
    }

    [Fact]
    public async Task AcquireAsync_OtherAddressesAndMappedForms_CountedPerAddress()
    {
        var limiter = new RemoteAddressLimiter(1);
        using var v4 = await limiter.AcquireAsync(Address, null, CancellationToken.None);
        var waits = 0;

        using var other = await limiter.AcquireAsync(IPAddress.Parse("192.0.2.26"), () => waits++, CancellationToken.None);
        var mapped = limiter.AcquireAsync(Address.MapToIPv6(), () => waits++, CancellationToken.None).AsTask();

        Assert.False(mapped.IsCompleted);
        Assert.Equal(1, waits);
        v4.Dispose();
        (await mapped.WaitAsync(Bound)).Dispose();
    }

    [Fact]
    public async Task Dispose_Twice_FreesTheSlotOnce()
    {
        var limiter = new RemoteAddressLimiter(2);
        var one = await limiter.AcquireAsync(Address, null, CancellationToken.None);
        using var two = await limiter.AcquireAsync(Address, null, CancellationToken.None);

        one.Dispose();
        one.Dispose();

        Assert.Equal(1, limiter.InUse(Address));
    }
}
