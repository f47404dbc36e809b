using MailCheck.Core.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Checks;

/// <summary>The host's gate before DATA (<see cref="ISendGate"/>): no, or no answer, means nothing is sent.</summary>
public class CheckEngineSendGateTests
{
    [Fact]
    public async Task RunAsync_GateSaysYes_AskedOnceRightBeforeDataAndTheMessageIsSent()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);
        var gate = new RecordingGate(_ => true, server);

        var events = await h.RunAsync(EngineHarness.Request() with { SendGate = gate });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(1, gate.Calls);
        Assert.Equal(["EHLO", "MAIL", "RCPT"], gate.CommandsBeforeFirstCall);
        Assert.NotNull(server.Connections[0].Data);
    }

    [Fact]
    public async Task RunAsync_GateSaysNo_StopsBeforeDataSendsNothingAndEndsInterrupted()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request() with { SendGate = new RecordingGate(_ => false, server) });

        var result = EventAssert.Outcome(events, CheckOutcome.Interrupted);
        Assert.Equal(EventKind.Data, result.Step);
        Assert.Contains("no message was sent", result.Summary, StringComparison.Ordinal);
        var commands = server.Connections[0].Received.Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["EHLO", "MAIL", "RCPT", "QUIT"], commands);
        Assert.Null(server.Connections[0].Data);
        Assert.Contains(events, e => e.Kind == EventKind.Error && e.Text.Contains("stops before DATA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_GateFails_CountsAsNoAndNothingIsSent()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request() with
        {
            SendGate = new RecordingGate(_ => throw new InvalidOperationException("the database does not answer"), server),
        });

        EventAssert.Outcome(events, CheckOutcome.Interrupted);
        Assert.DoesNotContain("DATA", server.Connections[0].Received);
        Assert.Null(server.Connections[0].Data);
    }

    [Theory]
    [InlineData(CheckMode.Probe)]
    [InlineData(CheckMode.Connect)]
    public async Task RunAsync_ModeWithoutData_GateNeverAsked(CheckMode mode)
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);
        var gate = new RecordingGate(_ => false, server);

        var events = await h.RunAsync(EngineHarness.Request(mode) with { SendGate = gate });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(0, gate.Calls);
    }

    private sealed class RecordingGate(Func<int, bool> answer, ScriptedSmtpServer server) : ISendGate
    {
        private int _calls;

        public int Calls => _calls;

        public IReadOnlyList<string> CommandsBeforeFirstCall { get; private set; } = [];

        public ValueTask<bool> MaySendAsync(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            if (call == 1)
            {
                CommandsBeforeFirstCall = server.Connections[0].Received.Select(l => l.Split(' ')[0]).ToList();
            }

            return ValueTask.FromResult(answer(call));
        }
    }
}
