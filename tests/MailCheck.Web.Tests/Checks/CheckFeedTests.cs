using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailCheck.Web.Tests.Checks;

/// <summary>The one live feed (page and hub): every event once, in order, wherever it was appended.</summary>
public sealed class CheckFeedTests
{
    private static readonly CheckRequest Request = new() { Domain = "example.com", From = "a@example.org", Recipients = ["postmaster@example.com"] };
    private static readonly IReadOnlyList<CheckEvent> Script = ScriptedCheckEngine.Script(Request);

    private readonly InMemoryCheckStore _store = new();
    private readonly CheckNotifier _notifier = new(NullLogger<CheckNotifier>.Instance);
    private readonly string _id = CheckId.New();

    private CheckFeed Feed => new(_store, _notifier, new SharedEvents());

    private async Task CreateAsync(int storedEvents)
    {
        await _store.CreateAsync(_id, "example.com", RedactedRequest.Of(Request), DateTimeOffset.UtcNow, CancellationToken.None);
        foreach (var e in Script.Take(storedEvents))
        {
            await _store.AppendAsync(_id, e, CancellationToken.None);
        }
    }

    /// <summary>Reads the feed to its end in the background (bounded).</summary>
    private Task<List<int>> ReadAllAsync(int afterSeq = 0) => Task.Run(async () =>
    {
        var seqs = new List<int>();
        using var timeout = new CancellationTokenSource(Poll.Limit);
        await foreach (var e in Feed.WatchAsync(_id, afterSeq, timeout.Token))
        {
            seqs.Add(e.Seq);
        }

        return seqs;
    });

    private async Task WaitSubscribedAsync() =>
        await Poll.UntilAsync(() => Task.FromResult(_notifier.WatcherCount(_id) == 1), "the feed to subscribe");

    [Fact]
    public async Task Watch_FinishedCheck_StoredEventsThenEnds()
    {
        await CreateAsync(Script.Count);

        Assert.Equal(Enumerable.Range(1, Script.Count), await ReadAllAsync().Bounded());
        Assert.Equal(0, _notifier.WatcherCount(_id));
    }

    [Fact]
    public async Task Watch_AfterSeq_StartsAfterIt()
    {
        await CreateAsync(Script.Count);

        Assert.Equal(Enumerable.Range(6, Script.Count - 5), await ReadAllAsync(afterSeq: 5).Bounded());
    }

    [Fact]
    public async Task Watch_UnknownCheck_ThrowsKeyNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ReadAllAsync());
    }

    [Fact]
    public async Task Watch_EventsAppendedByAnotherInstance_SignalWithoutEventReadsThemFromTheStore()
    {
        await CreateAsync(3);
        var reading = ReadAllAsync();
        await WaitSubscribedAsync();

        // Another instance appended 4..n: here only its NOTIFY arrives ("the store holds up to n").
        foreach (var e in Script.Skip(3))
        {
            await _store.AppendAsync(_id, e, CancellationToken.None);
        }

        _notifier.Publish(_id, new CheckUpdate(CheckStatus.Running, null) { StoredSeq = Script.Count });

        Assert.Equal(Enumerable.Range(1, Script.Count), await reading.Bounded());
    }

    [Fact]
    public async Task Watch_LiveEventAfterAGap_GapFilledFromTheStoreInOrderWithoutDuplicates()
    {
        await CreateAsync(3);
        var reading = ReadAllAsync();
        await WaitSubscribedAsync();

        // 4..6 are stored but their notifications were lost; 7 arrives live, then 4..n again (duplicates).
        foreach (var e in Script.Skip(3).Take(4))
        {
            await _store.AppendAsync(_id, e, CancellationToken.None);
        }

        _notifier.Publish(_id, new CheckUpdate(CheckStatus.Running, Script[6]));
        foreach (var e in Script.Skip(7))
        {
            await _store.AppendAsync(_id, e, CancellationToken.None);
        }

        foreach (var e in Script.Skip(3))
        {
            _notifier.Publish(_id, new CheckUpdate(e.Kind == EventKind.Outcome ? CheckStatus.Finished : CheckStatus.Running, e));
        }

        Assert.Equal(Enumerable.Range(1, Script.Count), await reading.Bounded());
    }

    [Fact]
    public async Task Watch_Resync_EveryWatcherReadsTheStoreAgain()
    {
        await CreateAsync(2);
        var reading = ReadAllAsync();
        await WaitSubscribedAsync();
        foreach (var e in Script.Skip(2))
        {
            await _store.AppendAsync(_id, e, CancellationToken.None);
        }

        // The listening connection was lost meanwhile and is back: nothing says what was appended.
        _notifier.Resync();

        Assert.Equal(Enumerable.Range(1, Script.Count), await reading.Bounded());
    }

    [Fact]
    public async Task Watch_StatusOnlyUpdate_DoesNotReadTheStore()
    {
        await CreateAsync(2);
        var reads = 0;
        _store.BeforeRead = _ => Interlocked.Increment(ref reads);
        using var timeout = new CancellationTokenSource(Poll.Limit);
        await using var events = Feed.WatchAsync(_id, 0, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.True(await events.MoveNextAsync());
        var next = events.MoveNextAsync();

        _notifier.Publish(_id, new CheckUpdate(CheckStatus.Running, null) { StoredSeq = 0 });
        _notifier.Publish(_id, new CheckUpdate(CheckStatus.Running, Script[2]));

        Assert.True(await next.AsTask().Bounded());
        Assert.Equal(3, events.Current.Seq);
        Assert.Equal(1, reads);
    }
}
