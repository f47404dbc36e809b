using MailCheck.Core.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Checks;

public class CheckEngineStreamTests
{
    [Fact]
    public async Task RunAsync_ConsumerStopsEarly_ConversationEndsWithQuit()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { OnCommand = l => l.StartsWith("MAIL", StringComparison.Ordinal) ? SmtpDialogue.Silence : null }, out var server);

        await foreach (var e in h.Engine().RunAsync("earlystop0000000000000", EngineHarness.Request()))
        {
            if (e.Kind == EventKind.Mail && e.Direction == EventDirection.Client)
            {
                break;
            }
        }

        // Disposing the enumerator waited for the conversation to end; the server saw QUIT.
        Assert.Contains("QUIT", server.Connections[0].Received);
    }

    [Fact]
    public async Task RunAsync_SlowConsumer_StillGetsEveryEventInOrder()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Options.CommandTimeout = TimeSpan.FromSeconds(1);
        var events = new List<CheckEvent>();

        await foreach (var e in h.Engine().RunAsync("slowconsumer0000000000", EngineHarness.Request()))
        {
            if (events.Count == 0)
            {
                await Task.Delay(1500);
            }

            events.Add(e);
        }

        EventAssert.Outcome(events, CheckOutcome.Accepted);
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_EndsCancelledWithoutConnecting()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var events = await h.RunAsync(EngineHarness.Request(), cts.Token);

        EventAssert.Outcome(events, CheckOutcome.Cancelled);
        Assert.Empty(h.Connector.Attempts);
    }
}
