using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Checks;

/// <summary>The process-wide limit of connections per remote address holds across checks, and waiting is in the transcript.</summary>
public class CheckEngineConnectionLimitTests
{
    [Fact]
    public async Task RunAsync_TwoChecksOfOneAddressWithOneSlot_SecondWaitsSaysSoAndThenConnects()
    {
        var limiter = new RemoteAddressLimiter(1);
        await using var first = new EngineHarness { Limiter = limiter };
        await using var second = new EngineHarness { Limiter = limiter };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = 0;
        var dialogue = new SmtpDialogue();
        var server = first.Serve("127.0.0.2", async connection =>
        {
            if (Interlocked.Increment(ref connections) == 1)
            {
                opened.TrySetResult();
                await release.Task.WaitAsync(connection.CancellationToken);
            }

            await dialogue.RunAsync(connection);
        });
        second.Connector.Route(IPAddress.Parse("127.0.0.2"), server);
        first.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        second.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));

        var one = first.RunAsync(EngineHarness.Request(CheckMode.Connect));
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var seen = new List<CheckEvent>();
        var connectionsWhileWaiting = -1;
        await Task.Run(async () =>
        {
            await foreach (var e in second.Engine().RunAsync("secondcheck00000000000", EngineHarness.Request(CheckMode.Connect)))
            {
                seen.Add(e);
                if (e.Text.StartsWith("Waiting for a connection slot", StringComparison.Ordinal))
                {
                    connectionsWhileWaiting = Volatile.Read(ref connections);
                    release.TrySetResult();
                }
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
        var firstEvents = await one;

        EventAssert.Outcome(firstEvents, CheckOutcome.Accepted);
        EventAssert.Outcome(seen, CheckOutcome.Accepted);
        Assert.Equal(1, connectionsWhileWaiting);
        var waiting = Assert.Single(seen, e => e.Text.StartsWith("Waiting for a connection slot for 127.0.0.2", StringComparison.Ordinal));
        Assert.Contains("MailCheck:Limits:PerRemoteAddress", waiting.Text, StringComparison.Ordinal);
        Assert.NotNull(waiting.Target);
        var got = Assert.Single(seen, e => e.Text == "Got a connection slot for 127.0.0.2.");
        Assert.NotNull(got.Duration);
        Assert.True(seen.IndexOf(got) < seen.FindIndex(e => e.Text.StartsWith("Connecting to", StringComparison.Ordinal)));
        Assert.DoesNotContain(firstEvents, e => e.Text.StartsWith("Waiting", StringComparison.Ordinal));
        Assert.Equal(0, limiter.InUse(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingForASlot_EndsCancelledAndFreesNothingItDidNotHold()
    {
        var limiter = new RemoteAddressLimiter(1);
        await using var h = new EngineHarness { Limiter = limiter };
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Serve("127.0.0.2", new SmtpDialogue());
        var held = await limiter.AcquireAsync(IPAddress.Parse("127.0.0.2"), null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var events = new List<CheckEvent>();
        await Task.Run(async () =>
        {
            await foreach (var e in h.Engine().RunAsync("cancelcheck00000000000", EngineHarness.Request(CheckMode.Connect), cancel.Token))
            {
                events.Add(e);
                if (e.Text.StartsWith("Waiting for a connection slot", StringComparison.Ordinal))
                {
                    await cancel.CancelAsync();
                }
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        EventAssert.Outcome(events, CheckOutcome.Cancelled);
        Assert.Empty(h.Connector.Attempts);
        Assert.Equal(1, limiter.InUse(IPAddress.Parse("127.0.0.2")));
        held.Dispose();
        Assert.Equal(0, limiter.InUse(IPAddress.Parse("127.0.0.2")));
    }
}
