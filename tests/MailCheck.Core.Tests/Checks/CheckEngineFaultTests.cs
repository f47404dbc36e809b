using System.Net;
using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Testing.Scripted;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Core.Tests.Checks;

public class CheckEngineFaultTests
{
    [Fact]
    public async Task RunAsync_NoBanner_TimesOut()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Banner = SmtpDialogue.Silence }, out _);
        h.Options.CommandTimeout = TimeSpan.FromMilliseconds(300);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Timeout);
        Assert.Equal(EventKind.Banner, result.Step);
        Assert.Contains("No reply to the banner within 300 ms", result.Summary, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == EventKind.Error);
    }

    [Fact]
    public async Task RunAsync_OnlyMxNeverGreets_TranscriptPromisesNoOtherAddress()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Banner = SmtpDialogue.Silence }, out _);
        h.Options.CommandTimeout = TimeSpan.FromMilliseconds(300);

        var events = await h.RunAsync(EngineHarness.Request());

        // There is no other address: the transcript must not say one is tried.
        EventAssert.Outcome(events, CheckOutcome.Timeout);
        Assert.DoesNotContain(events, e => e.Text.Contains("next address", StringComparison.OrdinalIgnoreCase));
        var note = Assert.Single(events, e => e.Text.StartsWith("No greeting from", StringComparison.Ordinal));
        Assert.Equal("No greeting from mx1.example.com [127.0.0.2].", note.Text);
        // Nothing else is attempted: what follows is the scorecard and the outcome.
        Assert.Equal([EventKind.Scorecard, EventKind.Outcome], events.Skip(events.IndexOf(note) + 1).Select(e => e.Kind));
    }

    [Fact]
    public async Task RunAsync_FirstMxNeverGreets_TheNextAttemptIsShownWhenItStarts()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        h.Serve("127.0.0.2", new SmtpDialogue { Banner = SmtpDialogue.Silence });
        h.Serve("127.0.0.3", new SmtpDialogue());
        h.Options.CommandTimeout = TimeSpan.FromMilliseconds(300);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var note = events.FindIndex(e => e.Text == "No greeting from mx1.example.com [127.0.0.2].");
        Assert.True(note > 0, EventAssert.Dump(events));
        Assert.StartsWith("Connecting to mx2.example.com [127.0.0.3]:25", events[note + 1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_421AtTheOnlyBanner_TranscriptPromisesNoOtherAddress()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Banner = "421 4.3.2 try later" }, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.DoesNotContain(events, e => e.Text.Contains("next address", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(events, e => e.Text == "mx1.example.com [127.0.0.2] did not greet (421).");
    }

    [Fact]
    public async Task RunAsync_NoBannerWithFakeTime_TimesOutWhenTheCommandTimeoutPasses()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Banner = SmtpDialogue.Silence }, out _);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        h.Time = time;
        h.Options.CommandTimeout = TimeSpan.FromSeconds(30);
        h.Options.CheckTimeout = TimeSpan.FromMinutes(10);
        var events = new List<CheckEvent>();

        var run = Task.Run(async () =>
        {
            await foreach (var e in h.Engine().RunAsync("fakeclock0000000000000", EngineHarness.Request()))
            {
                lock (events)
                {
                    events.Add(e);
                }
            }
        });
        for (var i = 0; i < 500 && !run.IsCompleted; i++)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var result = EventAssert.Outcome(events, CheckOutcome.Timeout);
        Assert.Contains("No reply to the banner within 30 s", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DropBeforeBanner_TriesNextThenReportsLostConnection()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2", "::1"]));
        h.Serve("127.0.0.2", new SmtpDialogue { Banner = SmtpDialogue.Drop });
        h.Serve("::1", ScriptedSmtpServer.Start(new SmtpDialogue { Banner = SmtpDialogue.Drop }, IPAddress.IPv6Loopback));

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.ProtocolError);
        Assert.Equal(EventKind.Banner, result.Step);
        Assert.Equal(["127.0.0.2", "::1"], h.Connector.Attempts.Select(a => a.Address.ToString()));
        Assert.Contains(events, e => e.Text.StartsWith("Connected to mx1.example.com [::1]:25", StringComparison.Ordinal));
        Assert.DoesNotContain("QUIT", EventAssert.ClientLines(events));
    }

    [Fact]
    public async Task RunAsync_421AtBanner_MovesToNextMx()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        var first = h.Serve("127.0.0.2", new SmtpDialogue { Banner = "421 4.3.2 Service not available, closing channel" });
        var second = h.Serve("127.0.0.3", new SmtpDialogue());

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal("mx2.example.com", result.Host);
        Assert.Contains(events, e => e.Kind == EventKind.Banner && e.Code == 421 && e.Host == "mx1.example.com");
        Assert.Empty(first.Connections[0].Received);
        Assert.Equal(2, events.Count(e => e.Detail is ConnectionDetail { Connected: true }));
    }

    [Fact]
    public async Task RunAsync_421AtEveryBanner_Deferred()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Banner = "421 4.3.2 try later" }, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(421, result.Code);
        Assert.Equal("4.3.2", result.EnhancedCode);
        Assert.StartsWith("Deferred at the banner by mx1.example.com: 421 4.3.2 — ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_554Banner_RejectedWithoutTryingNextMx()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        h.Serve("127.0.0.2", new SmtpDialogue { Banner = "554 5.7.1 No SMTP service here" });
        var second = h.Serve("127.0.0.3", new SmtpDialogue());

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Rejected);
        Assert.Equal(EventKind.Banner, result.Step);
        Assert.Equal(554, result.Code);
        Assert.Empty(second.Connections);
        Assert.Single(h.Connector.Attempts);
    }

    [Fact]
    public async Task RunAsync_Ehlo500_FallsBackToHelo()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.StartsWith("EHLO", StringComparison.Ordinal) ? "500 5.5.1 Command unrecognized" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out var server);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var received = server.Connections[0].Received;
        Assert.StartsWith("EHLO ", received[0], StringComparison.Ordinal);
        Assert.StartsWith("HELO ", received[1], StringComparison.Ordinal);
        Assert.DoesNotContain("SIZE=", received[2], StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == EventKind.Helo && e.Code == 250);
    }

    [Fact]
    public async Task RunAsync_MismatchedMultiLineCodes_ProtocolErrorKeepingRawText()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.StartsWith("EHLO", StringComparison.Ordinal) ? "250-mx.test\n250-PIPELINING\n550 SIZE" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.ProtocolError);
        Assert.Equal(EventKind.Ehlo, result.Step);
        var error = Assert.Single(events, e => e.Kind == EventKind.Error);
        Assert.Contains("250-mx.test\n250-PIPELINING\n550 SIZE", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TenMegabytesOfContinuationLines_ProtocolError()
    {
        long written = 0;
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Serve("127.0.0.2", async c =>
        {
            await c.ReplyAsync("220 mx.test ESMTP");
            await c.ReadLineAsync();
            var line = Encoding.ASCII.GetBytes("250-" + new string('x', 100) + "\r\n");
            while (written < 10 * 1024 * 1024)
            {
                await c.Stream.WriteAsync(line, c.CancellationToken);
                written += line.Length;
            }
        });

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.ProtocolError);
        Assert.Contains("longer than 65536 bytes", result.Summary, StringComparison.Ordinal);
        Assert.True(events.Sum(e => e.Text.Length) < 200_000, "the transcript stays small");
    }

    [Fact]
    public async Task RunAsync_ServerDripsOneByteAtATime_TimesOut()
    {
        await using var h = new EngineHarness();
        h.Options.CommandTimeout = TimeSpan.FromSeconds(1);
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Serve("127.0.0.2", async c =>
        {
            await c.ReplyAsync("220 mx.test ESMTP");
            await c.ReadLineAsync();
            foreach (var b in "250 mx.test says hello slowly\r\n")
            {
                await c.SendRawAsync(b.ToString());
                await Task.Delay(250, c.CancellationToken);
            }
        });

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Timeout);
        Assert.Equal(EventKind.Ehlo, result.Step);
    }

    [Fact]
    public async Task RunAsync_451AtRcpt_Deferred()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.StartsWith("RCPT", StringComparison.Ordinal) ? "451 4.7.1 Greylisted, try again later" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out var server);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Deferred);
        Assert.Equal(EventKind.Rcpt, result.Step);
        Assert.StartsWith("Deferred at RCPT TO by mx1.example.com: 451 4.7.1 — ", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Connections[0].Received, l => l == "DATA");
        Assert.Equal("QUIT", server.Connections[0].Received[^1]);
    }

    [Fact]
    public async Task RunAsync_OneOfTwoRecipientsRefused_GoesOnAndIsAccepted()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.Contains("nobody@", StringComparison.Ordinal) ? "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out var server);

        var events = await h.RunAsync(EngineHarness.Request() with { Recipients = ["nobody@example.com", "user@example.com"] });

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains("1 recipient", result.Summary, StringComparison.Ordinal);
        var refused = Assert.Single(events, e => e.Kind == EventKind.Rcpt && e.Code == 550);
        Assert.Equal("5.1.1", refused.EnhancedCode);
        Assert.Contains("DATA", server.Connections[0].Received);
    }

    [Fact]
    public async Task RunAsync_EveryRecipientRefused_RejectedAtRcpt()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.StartsWith("RCPT", StringComparison.Ordinal) ? "550 5.1.1 User unknown" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Rejected);
        Assert.StartsWith("Rejected at RCPT TO by mx1.example.com: 550 5.1.1 — ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProbeMode_ResetsWithoutData()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(EventKind.Rcpt, result.Step);
        Assert.Contains("nothing was sent", result.Summary, StringComparison.Ordinal);
        var commands = server.Connections[0].Received.Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["EHLO", "MAIL", "RCPT", "RSET", "QUIT"], commands);
        Assert.Null(server.Connections[0].Data);
    }

    [Fact]
    public async Task RunAsync_ConnectMode_StopsAfterEhlo()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Connect));

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(EventKind.Ehlo, result.Step);
        Assert.Equal(["EHLO", "QUIT"], server.Connections[0].Received.Select(l => l.Split(' ')[0]));
        Assert.Contains("nothing was sent", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_SendsQuitAndEndsCancelled()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Serve("127.0.0.2", async c =>
        {
            await c.ReplyAsync("220 mx.test ESMTP");
            await c.ReadLineAsync();
            await c.ReplyAsync("250 mx.test");
            await c.ReadLineAsync();
            await c.ReplyAsync("250 2.1.0 Ok");
            await c.ReadLineAsync(); // RCPT: no answer until QUIT
            if (await c.ReadLineAsync() == "QUIT")
            {
                await c.ReplyAsync("221 2.0.0 Bye");
            }
        });
        using var cts = new CancellationTokenSource();
        var events = new List<CheckEvent>();

        await foreach (var e in h.Engine().RunAsync("cancelled0000000000000", EngineHarness.Request(), cts.Token).WithCancellation(CancellationToken.None))
        {
            events.Add(e);
            if (e.Kind == EventKind.Rcpt && e.Direction == EventDirection.Client)
            {
                await cts.CancelAsync();
            }
        }

        var result = EventAssert.Outcome(events, CheckOutcome.Cancelled);
        Assert.Equal(EventKind.Rcpt, result.Step);
        Assert.Contains("QUIT", EventAssert.ClientLines(events));
        Assert.Contains(events, e => e.Kind == EventKind.Quit && e.Code == 221);
    }

    [Fact]
    public async Task RunAsync_CheckDeadline_TimesOut()
    {
        var dialogue = new SmtpDialogue { OnCommand = line => line.StartsWith("MAIL", StringComparison.Ordinal) ? SmtpDialogue.Silence : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);
        h.Options.CheckTimeout = TimeSpan.FromSeconds(2);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Timeout);
        Assert.Equal(EventKind.Mail, result.Step);
        Assert.Contains("whole check", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SeveralHostsAndAddresses_TriedInOrder()
    {
        await using var h = new EngineHarness();
        h.Options.ConnectTimeout = TimeSpan.FromSeconds(1);
        h.Dns.Add(
            "example.com",
            ("mx1.example.com", 10, ["127.0.0.2", "127.0.0.3"]),
            ("mx2.example.com", 20, ["127.0.0.4", "127.0.0.5"]));
        h.Connector.Refuse(IPAddress.Parse("127.0.0.2")).Hang(IPAddress.Parse("127.0.0.3"));
        h.Serve("127.0.0.4", new SmtpDialogue { Banner = "421 busy" });
        h.Serve("127.0.0.5", new SmtpDialogue());

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal("127.0.0.5", result.Address);
        Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"], h.Connector.Attempts.Select(a => a.Address.ToString()));
        Assert.All(h.Connector.Attempts, a => Assert.Equal(25, a.Port));
        var attempts = events.Select(e => e.Detail).OfType<ConnectionDetail>().ToList();
        Assert.Equal([false, false, true, true], attempts.Select(a => a.Connected));
        Assert.Contains("refused", attempts[0].Error, StringComparison.Ordinal);
        Assert.Contains("timed out", attempts[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryConnectionTimesOut_UnreachableMentionsPort()
    {
        await using var h = new EngineHarness();
        h.Options.ConnectTimeout = TimeSpan.FromMilliseconds(100);
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        h.Connector.Hang(IPAddress.Parse("127.0.0.2")).Hang(IPAddress.Parse("127.0.0.3"));

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Unreachable);
        Assert.Contains("outbound port 25 may be blocked", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryConnectionRefused_UnreachableWithoutPortHint()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Connector.Refuse(IPAddress.Parse("127.0.0.2"));

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Unreachable);
        Assert.DoesNotContain("may be blocked", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PolicyRefusesEverything_BlockedWithoutConnecting()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);
        h.Policy = new RefuseAllPolicy();

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Blocked);
        Assert.Empty(h.Connector.Attempts);
        Assert.Empty(server.Connections);
        var policy = Assert.Single(events, e => e.Kind == EventKind.Policy);
        Assert.StartsWith("blocked: 127.0.0.2 port 25", policy.Text, StringComparison.Ordinal);
        Assert.Contains("loopback", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NullMx_NoMailServiceWithoutConnecting()
    {
        await using var h = new EngineHarness();
        h.Dns.AddMx("example.com", 0, ".");

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.NoMailService);
        Assert.Contains("null MX", result.Summary, StringComparison.Ordinal);
        Assert.Empty(h.Connector.Attempts);
    }

    [Fact]
    public async Task RunAsync_DnsFailure_DnsError()
    {
        await using var h = new EngineHarness();
        h.Dns.SetStatus("example.com", DnsResponseStatus.ServFail);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.DnsError);
        Assert.Contains("SERVFAIL", result.Summary, StringComparison.Ordinal);
        Assert.Empty(h.Connector.Attempts);
    }

    [Fact]
    public async Task RunAsync_AddressLiteral_SkipsDns()
    {
        await using var h = new EngineHarness();
        h.Serve("127.0.0.9", new SmtpDialogue());

        var events = await h.RunAsync(EngineHarness.Request() with { Domain = "[127.0.0.9]", Recipients = ["user@[127.0.0.9]"] });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Empty(h.Dns.Queries);
        Assert.Equal("127.0.0.9", Assert.Single(h.Connector.Attempts).Address.ToString());
    }

    [Fact]
    public async Task RunAsync_IPv6AddressLiteral_SkipsDns()
    {
        await using var h = new EngineHarness();
        h.Serve("::1", ScriptedSmtpServer.Start(new SmtpDialogue(), IPAddress.IPv6Loopback));

        var events = await h.RunAsync(EngineHarness.Request() with { Domain = null, Recipients = ["user@[IPv6:::1]"] });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Empty(h.Dns.Queries);
        Assert.Equal(IPAddress.IPv6Loopback, Assert.Single(h.Connector.Attempts).Address);
    }

    private sealed class RefuseAllPolicy : ITargetPolicy
    {
        public TargetDecision Evaluate(IPAddress address, int port) => EvaluateAddress(address);

        public TargetDecision EvaluateAddress(IPAddress address) => TargetDecision.Block($"{address} is in 127.0.0.0/8 (loopback)");
    }
}
