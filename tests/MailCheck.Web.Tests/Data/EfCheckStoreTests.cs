using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Data;

public sealed class EfCheckStoreTests : RealStoreTest
{
    [Fact]
    public async Task AppendAsync_EveryEvent_IsReadBackInOrderWithItsDetail()
    {
        var id = await CreateAsync(DateTimeOffset.UtcNow, finish: true);

        var check = await Store.GetAsync(id, CancellationToken.None);

        Assert.NotNull(check);
        Assert.Equal(CheckStatus.Finished, check.Status);
        Assert.Equal(CheckOutcome.Accepted, check.Outcome);
        Assert.Equal(ScriptedCheckEngine.Script(Request), check.Events, new CheckEventComparer());
        Assert.IsType<MxDetail>(check.Events[1].Detail);
    }

    [Fact]
    public async Task AppendAsync_WhileRunning_EventsAreReadableBeforeTheEnd()
    {
        var id = await CreateAsync(DateTimeOffset.UtcNow, finish: false);

        var check = await Store.GetAsync(id, CancellationToken.None);

        Assert.Equal(CheckStatus.Running, check!.Status);
        Assert.Equal([1, 2, 3], check.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task AppendAsync_ManyChecksAtOnce_EachCallerReturnsWithItsEventStoredAndEveryCheckInOrder()
    {
        // Group commit: appends from many checks at once share transactions, but each caller returns only once its own
        // event can be read back ("stored before shown"), and every check ends up complete and in order.
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var id = CheckId.New();
            await Store.CreateAsync(id, "example.com", RedactedRequest.Of(Request), DateTimeOffset.UtcNow, CancellationToken.None);
            await Store.MarkRunningAsync(id, DateTimeOffset.UtcNow, CancellationToken.None);
            ids.Add(id);
        }

        var script = ScriptedCheckEngine.Script(Request);
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            foreach (var e in script)
            {
                await Store.AppendAsync(id, e, CancellationToken.None);
                var stored = await Store.ReadEventsAsync(id, e.Seq - 1, CancellationToken.None);
                Assert.Equal(e.Seq, Assert.Single(stored!).Seq);
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var id in ids)
        {
            var check = await Store.GetAsync(id, CancellationToken.None);
            Assert.Equal(CheckStatus.Finished, check!.Status);
            Assert.Equal(script.Select(e => e.Seq), check.Events.Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task AppendAsync_ToAFinishedCheckAmongOthers_OnlyThatOneIsRefused()
    {
        var finished = await CreateAsync(DateTimeOffset.UtcNow, finish: true);
        var running = await CreateAsync(DateTimeOffset.UtcNow, finish: false);
        var script = ScriptedCheckEngine.Script(Request);
        var late = script[^1] with { Seq = script.Count + 1 };

        var refused = Store.AppendAsync(finished, late, CancellationToken.None);
        var accepted = Store.AppendAsync(running, script[3], CancellationToken.None);

        await Assert.ThrowsAsync<CheckNotHeldException>(() => refused);
        await accepted;
        Assert.Equal(script.Count, (await Store.GetAsync(finished, CancellationToken.None))!.Events.Count);
        Assert.Equal([1, 2, 3, 4], (await Store.GetAsync(running, CancellationToken.None))!.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task DeleteFinishedBeforeAsync_OldFinishedChecks_AreDeletedWithTheirEventsOthersKept()
    {
        var now = DateTimeOffset.UtcNow;
        var old = await CreateAsync(now.AddDays(-40), finish: true);
        var oldRunning = await CreateAsync(now.AddDays(-40), finish: false);
        var recent = await CreateAsync(now.AddDays(-1), finish: true);

        var deleted = await Store.DeleteFinishedBeforeAsync(now.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await Store.GetAsync(old, CancellationToken.None));
        Assert.NotNull(await Store.GetAsync(oldRunning, CancellationToken.None));
        Assert.NotNull(await Store.GetAsync(recent, CancellationToken.None));
    }

    private sealed class CheckEventComparer : IEqualityComparer<CheckEvent>
    {
        public bool Equals(CheckEvent? x, CheckEvent? y) =>
            x is not null && y is not null && x.Seq == y.Seq && x.Text == y.Text && x.Kind == y.Kind && x.Direction == y.Direction
            && x.Code == y.Code && x.EnhancedCode == y.EnhancedCode && x.Elapsed == y.Elapsed && x.Duration == y.Duration
            && x.At == y.At && x.Host == y.Host && (x.Detail is null) == (y.Detail is null);

        public int GetHashCode(CheckEvent obj) => obj.Seq;
    }
}
