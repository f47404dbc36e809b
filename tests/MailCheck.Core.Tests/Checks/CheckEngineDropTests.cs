using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Checks;

/// <summary>
/// A connection lost mid-conversation (RFC 5321 §3.8): inside the mail transaction (MAIL up to the final ".") it is
/// a temporary failure, after the final "." the message may have been accepted, before MAIL it breaks the protocol.
/// </summary>
public class CheckEngineDropTests
{
    [Fact]
    public async Task RunAsync_DropBeforeDataReply_DeferredKeepingEvents()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line == "DATA" ? SmtpDialogue.Drop : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        // RFC 5321 §3.8: a connection lost in the middle of a mail transaction is treated as a 451 reply.
        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(EventKind.Data, result.Step);
        Assert.StartsWith("Deferred at DATA with mx1.example.com: the connection was lost before the message was sent", result.Summary, StringComparison.Ordinal);
        Assert.Contains("RFC 5321 §3.8", result.Summary, StringComparison.Ordinal);
        Assert.Null(result.Code);
        Assert.Contains(events, e => e.Kind == EventKind.Rcpt && e.Code == 250);
        Assert.Contains(events, e => e.Kind == EventKind.Error && e.Direction == EventDirection.Info);
    }

    [Fact]
    public async Task RunAsync_ResetWhileThe354ReplyArrives_DeferredAtData()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        var server = h.Serve("127.0.0.2", async c =>
        {
            await c.ReplyAsync("220 mx.test ESMTP");
            while (await c.ReadLineAsync() is { } line)
            {
                if (line == "DATA")
                {
                    // Half of "354 ..." and then a reset: no complete reply, no FIN.
                    await c.SendRawAsync("354 End data wi");
                    c.Abort();
                    return;
                }

                await c.ReplyAsync(line.StartsWith("EHLO", StringComparison.Ordinal) ? "250-mx.test\n250 8BITMIME" : "250 2.0.0 Ok");
            }
        });

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(EventKind.Data, result.Step);
        Assert.StartsWith("Deferred at DATA with mx1.example.com: the connection was lost before the message was sent", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Message);
        Assert.DoesNotContain("QUIT", EventAssert.ClientLines(events));
        Assert.Null(server.Connections[0].Data);
    }

    [Theory]
    [InlineData("MAIL", EventKind.Mail, "MAIL FROM")]
    [InlineData("RCPT", EventKind.Rcpt, "RCPT TO")]
    public async Task RunAsync_DropInsideTheMailTransaction_Deferred(string verb, EventKind step, string stepName)
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.StartsWith(verb, StringComparison.Ordinal) ? SmtpDialogue.Drop : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(step, result.Step);
        Assert.StartsWith($"Deferred at {stepName} with mx1.example.com: the connection was lost", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProbeDropAtRset_DeferredInsideTheTransaction()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line == "RSET" ? SmtpDialogue.Drop : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(EventKind.Rset, result.Step);
    }

    [Theory]
    [InlineData("EHLO", EventKind.Ehlo)]
    [InlineData("AUTH", EventKind.Auth)]
    public async Task RunAsync_DropAfterTheGreetingBeforeMail_ProtocolErrorCitingTheRfc(string verb, EventKind step)
    {
        var dialogue = new SmtpDialogue
        {
            AuthMechanisms = "PLAIN",
            OnCommand = line => line.StartsWith(verb, StringComparison.Ordinal) ? SmtpDialogue.Drop : null,
        };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request() with { Auth = new SmtpCredentials("alice", "s3cret-Pa55") });

        // No mail transaction had begun: nothing to defer. RFC 5321 §3.8 lets a server close only after QUIT, with
        // a 421 reply or after a timeout, so hanging up here breaks the protocol.
        var result = EventAssert.Outcome(events, CheckOutcome.ProtocolError);
        Assert.Equal(step, result.Step);
        Assert.Contains("the connection was lost before any mail transaction began", result.Summary, StringComparison.Ordinal);
        Assert.Contains("RFC 5321 §3.8", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedReplyToData_StaysProtocolError()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line == "DATA" ? "35x go ahead" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.ProtocolError);
        Assert.Equal(EventKind.Data, result.Step);
    }

    [Fact]
    public async Task RunAsync_DropWhileWritingMessage_DeferredNoQuit()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);
        h.Connector.WrapStream = s => new FaultyStream(s) { FailWrite = bytes => bytes.Length > 100 };

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(EventKind.Data, result.Step);
        Assert.StartsWith("Deferred at DATA with mx1.example.com: the connection was lost while the message was being sent, before its final \".\"", result.Summary, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == EventKind.Message && e.Direction == EventDirection.Client);
        Assert.DoesNotContain("QUIT", EventAssert.ClientLines(events));
    }

    [Fact]
    public async Task RunAsync_DropAfterFinalDot_Indeterminate()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line == "." ? SmtpDialogue.Drop : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out var server);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Indeterminate);
        Assert.Contains("may have been accepted", result.Summary, StringComparison.Ordinal);
        Assert.EndsWith("\r\n.\r\n", Encoding.UTF8.GetString(server.Connections[0].Data!), StringComparison.Ordinal);
    }
}
