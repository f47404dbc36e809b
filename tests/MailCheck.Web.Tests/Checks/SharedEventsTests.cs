using System.Runtime.CompilerServices;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Checks;

/// <summary>Pages that load the same check hold the same event objects, read from the real store (SQLite), and the table keeps nothing alive.</summary>
public sealed class SharedEventsTests : RealStoreTest
{
    [Fact]
    public async Task Share_TwoReadsOfOneCheck_HoldTheSameEventObjects()
    {
        var id = await CreateAsync(DateTimeOffset.UtcNow, finish: true);
        var shared = new SharedEvents();
        var first = (await Store.GetAsync(id, CancellationToken.None))!;
        var second = (await Store.GetAsync(id, CancellationToken.None))!;
        Assert.NotSame(first.Events[0], second.Events[0]); // the store deserializes a copy per read

        var a = shared.Share(first);
        var b = shared.Share(second);

        Assert.Equal(ScriptedCheckEngine.Script(Request).Count, b.Events.Count);
        Assert.All(a.Events.Zip(b.Events), pair => Assert.Same(pair.First, pair.Second));
        Assert.Equal(second.Events.Select(e => (e.Seq, e.Kind, e.Text, e.At)), b.Events.Select(e => (e.Seq, e.Kind, e.Text, e.At)));
        Assert.Equal(second with { Events = b.Events }, b); // everything else as read
    }

    [Fact]
    public async Task Share_OtherCheck_SameSeq_KeepsItsOwnEvents()
    {
        var shared = new SharedEvents();
        var one = shared.Share((await Store.GetAsync(await CreateAsync(DateTimeOffset.UtcNow, finish: true), CancellationToken.None))!);
        var other = shared.Share((await Store.GetAsync(await CreateAsync(DateTimeOffset.UtcNow, finish: true), CancellationToken.None))!);

        Assert.All(one.Events.Zip(other.Events), pair => Assert.NotSame(pair.First, pair.Second));
    }

    [Fact]
    public async Task Watch_TwoWatchersOfAFinishedCheck_GetTheSameEventObjects()
    {
        var id = await CreateAsync(DateTimeOffset.UtcNow, finish: true);
        var feed = Factory.Services.GetRequiredService<CheckFeed>();

        var first = await ReadAsync(feed, id);
        var second = await ReadAsync(feed, id);

        Assert.Equal(Enumerable.Range(1, ScriptedCheckEngine.Script(Request).Count), second.Select(e => e.Seq));
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }

    private static async Task<List<CheckEvent>> ReadAsync(CheckFeed feed, string id)
    {
        using var timeout = new CancellationTokenSource(Poll.Limit);
        var events = new List<CheckEvent>();
        await foreach (var e in feed.WatchAsync(id, 0, timeout.Token))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public void Share_EventNoOneHolds_IsNotKeptAliveAndItsEntryIsSwept()
    {
        var shared = new SharedEvents();
        var gone = ShareAndDrop(shared);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(gone.TryGetTarget(out _), "the table kept an event alive that nobody holds");

        var fresh = Event(1);
        Assert.Same(fresh, shared.Share("check-a", fresh));

        Assert.Equal(1, shared.Count);
        shared.Sweep();
        Assert.Equal(1, shared.Count); // "fresh" is held: its entry stays
        GC.KeepAlive(fresh);
    }

    [Fact]
    public void Sweep_DropsTheEntriesOfEventsThatAreGone()
    {
        var shared = new SharedEvents();
        var gone = ShareAndDrop(shared);
        var held = Event(2);
        shared.Share("check-a", held);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(gone.TryGetTarget(out _));

        shared.Sweep();

        Assert.Equal(1, shared.Count);
        Assert.Same(held, shared.Share("check-a", Event(2)));
    }

    /// <summary>Shares event 1 of "check-a" and lets go of it (not inlined: no reference stays on the caller's frame).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<CheckEvent> ShareAndDrop(SharedEvents shared) => new(shared.Share("check-a", Event(1)));

    private static CheckEvent Event(int seq) => new()
    {
        Seq = seq,
        At = DateTimeOffset.UnixEpoch,
        Elapsed = TimeSpan.Zero,
        Direction = EventDirection.Info,
        Kind = EventKind.Dns,
        Text = $"event {seq}",
    };
}
