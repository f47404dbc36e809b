using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Receive;
using MailCheck.Core.Receive.Verdicts;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Receive;

/// <summary>
/// The listener as a hostile public port meets it: unknown addresses, relay attempts, oversized messages, a sender
/// that drips, errors in a row, input injected after STARTTLS, bare LFs and "&lt;LF&gt;.&lt;LF&gt;", a second message
/// for a used address, two connections for one address.
/// </summary>
public sealed class ReceiveSessionTests
{
    [Fact]
    public async Task Ehlo_Capabilities_SizePipeliningStartTlsAndTheRest()
    {
        await using var lab = ReceiveLab.Start();
        var (sender, banner) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var _ = sender;

        var ehlo = await sender.CommandAsync("EHLO mx.sender.test");

        Assert.StartsWith("220 mx.receive.test ESMTP", banner, StringComparison.Ordinal);
        Assert.Contains("250-SIZE 10485760", ehlo, StringComparison.Ordinal);
        foreach (var keyword in new[] { "8BITMIME", "SMTPUTF8", "PIPELINING", "ENHANCEDSTATUSCODES", "STARTTLS" })
        {
            Assert.Contains(keyword, ehlo, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("AUTH", ehlo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rcpt_UnknownTokenOtherLocalAndRelay_550And554_NothingRecorded()
    {
        await using var lab = ReceiveLab.Start();
        var (token, _) = lab.NewCheck();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");
        await sender.CommandAsync("MAIL FROM:<ann@sender.test>");

        var unknown = await sender.CommandAsync($"RCPT TO:<{ReceiveToken.New()}@receive.test>");
        var local = await sender.CommandAsync("RCPT TO:<postmaster@receive.test>");
        var bare = await sender.CommandAsync("RCPT TO:<postmaster>");
        var relay = await sender.CommandAsync($"RCPT TO:<{token}@elsewhere.test>");
        var data = await sender.CommandAsync("DATA");

        Assert.StartsWith("550 5.1.1 ", unknown, StringComparison.Ordinal);
        Assert.StartsWith("550 5.1.1 ", local, StringComparison.Ordinal);
        Assert.StartsWith("550 5.1.1 ", bare, StringComparison.Ordinal);
        Assert.StartsWith("554 5.7.1 ", relay, StringComparison.Ordinal);
        Assert.Contains("Relay access denied", relay, StringComparison.Ordinal);
        Assert.StartsWith("554 5.5.1 ", data, StringComparison.Ordinal);
        Assert.Empty(lab.Mailboxes.Get(token).Events);
        Assert.Equal(0, lab.Mailboxes.Opened);
    }

    [Fact]
    public async Task Data_OverTheSizeCap_552AndTheCheckGoesOnWaiting()
    {
        await using var lab = ReceiveLab.Start(o => o.MaxMessageSize = ReceiveOptionsValidator.MinMessageSize);
        var (token, address) = lab.NewCheck();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");

        var declared = await sender.CommandAsync("MAIL FROM:<ann@sender.test> SIZE=70000");
        await sender.CommandAsync("MAIL FROM:<ann@sender.test>");
        await sender.CommandAsync($"RCPT TO:<{address}>");
        await sender.CommandAsync("DATA");
        var line = new string('x', 76) + "\r\n";
        await sender.WriteAsync("From: ann@sender.test\r\nSubject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(line, 1000)) + ".\r\n");
        var reply = await sender.ReadReplyAsync();
        await sender.CommandAsync("QUIT");

        Assert.StartsWith("552 5.3.4 ", declared, StringComparison.Ordinal);
        Assert.StartsWith("552 5.3.4 ", reply, StringComparison.Ordinal);
        var box = lab.Mailboxes.Get(token);
        Assert.Null(box.ReceivedAt);
        Assert.Equal(1, box.Releases);
        Assert.Contains(box.Events, e => e.Kind == EventKind.Message && e.Text.Contains("over MailCheck's limit of 65536 bytes", StringComparison.Ordinal));
        Assert.Contains(box.Events, e => e.Kind == EventKind.Receive && e.Text.Contains("goes on waiting", StringComparison.Ordinal));
        Assert.DoesNotContain(box.Events, e => e.Kind == EventKind.Outcome);

        // The address still takes its one message.
        var message = ReceiveLab.Message("ann@sender.test", address);
        await lab.SendAsync(message, "ann@sender.test", address);
        Assert.Equal(CheckOutcome.Received, (await lab.Mailboxes.WaitForOutcomeAsync(token)).Result().Outcome);
    }

    [Fact]
    public async Task SecondMessage_ToAUsedAddress_550AlreadyReceived()
    {
        await using var lab = ReceiveLab.Start();
        var (token, address) = lab.NewCheck();
        await lab.SendAsync(ReceiveLab.Message("ann@sender.test", address), "ann@sender.test", address);
        await lab.Mailboxes.WaitForOutcomeAsync(token);
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");
        await sender.CommandAsync("MAIL FROM:<ann@sender.test>");

        var again = await sender.CommandAsync($"RCPT TO:<{address}>");

        Assert.StartsWith("550 5.1.1 ", again, StringComparison.Ordinal);
        Assert.Contains("already received its one message", again, StringComparison.Ordinal);
        Assert.Single(lab.Mailboxes.Get(token).Events, e => e.Kind == EventKind.Outcome);
    }

    [Fact]
    public async Task Rcpt_ClosedAddress_550StoppedWaiting()
    {
        await using var lab = ReceiveLab.Start();
        var (token, address) = lab.NewCheck();
        lab.Mailboxes.Close(token);
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");
        await sender.CommandAsync("MAIL FROM:<ann@sender.test>");

        var reply = await sender.CommandAsync($"RCPT TO:<{address}>");

        Assert.StartsWith("550 5.1.1 ", reply, StringComparison.Ordinal);
        Assert.Contains("stopped waiting", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rcpt_AddressHeldByAnotherConnection_450TryLater()
    {
        await using var lab = ReceiveLab.Start();
        var (_, address) = lab.NewCheck();
        var (first, _) = await RawSender.ConnectAsync(lab.Endpoint);
        var (second, _) = await RawSender.ConnectAsync(lab.Endpoint, IPAddress.Parse("127.0.0.73"));
        await using var a = first;
        await using var b = second;
        foreach (var sender in new[] { first, second })
        {
            await sender.CommandAsync("EHLO mx.sender.test");
            await sender.CommandAsync("MAIL FROM:<ann@sender.test>");
        }

        var held = await first.CommandAsync($"RCPT TO:<{address}>");
        var busy = await second.CommandAsync($"RCPT TO:<{address}>");

        Assert.StartsWith("250 2.1.5 ", held, StringComparison.Ordinal);
        Assert.StartsWith("450 4.2.1 ", busy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_TwentyInARow_421AndClosed()
    {
        await using var lab = ReceiveLab.Start();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        var replies = new List<string>();
        for (var i = 0; i < 19; i++)
        {
            replies.Add(await sender.CommandAsync("WHAT"));
        }

        var last = await sender.CommandAsync("WHAT");
        var closing = await sender.ReadReplyAsync();

        Assert.All(replies, r => Assert.StartsWith("500 ", r, StringComparison.Ordinal));
        Assert.StartsWith("500 ", last, StringComparison.Ordinal);
        Assert.StartsWith("421 ", closing, StringComparison.Ordinal);
        Assert.Contains("too many errors", closing, StringComparison.Ordinal);
        Assert.True(await sender.ClosedAsync());
    }

    [Fact]
    public async Task SlowDrip_ACommandLineThatNeverEnds_421TimeoutAfterCommandTimeout()
    {
        await using var lab = ReceiveLab.Start(o => o.CommandTimeout = TimeSpan.FromSeconds(1));
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        var reply = Task.Run(() => sender.ReadReplyAsync(seconds: 10));

        // One byte every 300 ms: every read succeeds, but the line never completes within the command timeout.
        foreach (var c in "EHLO mx.sender.test")
        {
            if (reply.IsCompleted)
            {
                break;
            }

            try
            {
                await sender.WriteAsync(c.ToString());
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(300);
        }

        // Before EHLO there are no enhanced status codes (RFC 2034 §3).
        var text = await reply;
        Assert.StartsWith("421 mx.receive.test Error: timeout exceeded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowDrip_AMessageThatTrickles_ConnectionTimeLimitEndsItAndTheCheckWaits()
    {
        await using var lab = ReceiveLab.Start(o =>
        {
            o.CommandTimeout = TimeSpan.FromSeconds(1);
            o.SessionTimeout = TimeSpan.FromSeconds(3);
        });
        var (token, address) = lab.NewCheck();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");
        await sender.CommandAsync("MAIL FROM:<ann@sender.test>");
        await sender.CommandAsync($"RCPT TO:<{address}>");
        await sender.CommandAsync("DATA");
        var reply = Task.Run(() => sender.ReadReplyAsync(seconds: 10));
        for (var i = 0; i < 40 && !reply.IsCompleted; i++)
        {
            try
            {
                await sender.WriteAsync("x");
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(200);
        }

        var text = await reply;
        Assert.StartsWith("421 4.4.2 ", text, StringComparison.Ordinal);
        Assert.Contains("connection time limit", text, StringComparison.Ordinal);
        var box = lab.Mailboxes.Get(token);
        await UntilAsync(() => box.Releases == 1);
        Assert.Null(box.ReceivedAt);
        Assert.Contains(box.Events, e => e.Kind == EventKind.Message && e.Text.Contains("broke off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTls_CommandsInjectedBeforeTheHandshake_DiscardedAndReported()
    {
        await using var lab = ReceiveLab.Start();
        var (token, address) = lab.NewCheck();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");

        await sender.WriteAsync($"STARTTLS\r\nMAIL FROM:<evil@sender.test>\r\nRCPT TO:<{address}>\r\n");
        var ready = await sender.ReadReplyAsync();
        using var tls = new System.Net.Security.SslStream(sender.Stream, leaveInnerStreamOpen: true, (_, c, _, _) => c?.GetCertHashString() == lab.Certificate!.Certificate.Thumbprint);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = ReceiveLab.Host });
        using var reader = new StreamReader(tls);
        await tls.WriteAsync("EHLO mx.sender.test\r\nMAIL FROM:<ann@sender.test>\r\n"u8.ToArray());
        string? line;
        var lines = new List<string>();
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((line = await reader.ReadLineAsync(bounded.Token)) is not null)
        {
            lines.Add(line);
            if (line.StartsWith("250 2.1.0", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.StartsWith("220 2.0.0 ", ready, StringComparison.Ordinal);
        Assert.Contains("250 2.1.0 Ok", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("503", StringComparison.Ordinal));
        Assert.Equal(0, lab.Mailboxes.Opened);
    }

    [Fact]
    public async Task Pipelining_MailRcptDataInOneWrite_RepliesInOrder()
    {
        await using var lab = ReceiveLab.Start();
        var (token, address) = lab.NewCheck();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");

        await sender.WriteAsync($"MAIL FROM:<ann@sender.test>\r\nRCPT TO:<{address}>\r\nDATA\r\n");
        var mail = await sender.ReadReplyAsync();
        var rcpt = await sender.ReadReplyAsync();
        var data = await sender.ReadReplyAsync();
        await sender.WriteAsync("From: ann@sender.test\r\nTo: " + address + "\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@sender.test>\r\nSubject: hi\r\n\r\nhello\r\n.\r\nQUIT\r\n");
        var queued = await sender.ReadReplyAsync();
        var bye = await sender.ReadReplyAsync();

        Assert.StartsWith("250 2.1.0", mail, StringComparison.Ordinal);
        Assert.StartsWith("250 2.1.5", rcpt, StringComparison.Ordinal);
        Assert.StartsWith("354 ", data, StringComparison.Ordinal);
        Assert.StartsWith("250 2.0.0 Ok: queued as ", queued, StringComparison.Ordinal);
        Assert.StartsWith("221 ", bye, StringComparison.Ordinal);
        var events = await lab.Mailboxes.WaitForOutcomeAsync(token);
        Assert.Contains("(RFC 2920)", events.Item(ScorecardIds.Tls).Findings[^1].Text, StringComparison.Ordinal);
        Assert.Equal(ScoreStatus.Fail, events.Item(ScorecardIds.Tls).Status);
    }

    [Fact]
    public async Task Data_BareLineFeedsAndSmuggling_KeptAsContentAndFailed()
    {
        await using var lab = ReceiveLab.Start();
        var (token, address) = lab.NewCheck();
        var (sender, _) = await RawSender.ConnectAsync(lab.Endpoint);
        await using var s = sender;
        await sender.CommandAsync("EHLO mx.sender.test");
        await sender.CommandAsync("MAIL FROM:<ann@sender.test>");
        await sender.CommandAsync($"RCPT TO:<{address}>");
        await sender.CommandAsync("DATA");

        // "\n.\n" would end the message for a lax server; the rest would be read as a second, hidden message.
        await sender.WriteAsync("From: ann@sender.test\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <2@sender.test>\r\n\r\nfirst\n.\nMAIL FROM:<ceo@sender.test>\r\n..stuffed\r\n.\r\n");
        var queued = await sender.ReadReplyAsync();
        await sender.CommandAsync("QUIT");

        Assert.StartsWith("250 2.0.0", queued, StringComparison.Ordinal);
        var events = await lab.Mailboxes.WaitForOutcomeAsync(token);
        var stored = System.Text.Encoding.ASCII.GetString(lab.Mailboxes.Get(token).Message!);
        Assert.Contains("first\n.\nMAIL FROM:<ceo@sender.test>\r\n.stuffed\r\n", stored, StringComparison.Ordinal);
        var facts = lab.Mailboxes.Get(token).Envelope!.Data;
        Assert.Equal(1, facts.SmugglingSequences);
        Assert.Equal(2, facts.BareLineFeeds);
        var hygiene = events.Item(ScorecardIds.Hygiene);
        Assert.Equal(ScoreStatus.Fail, hygiene.Status);
        Assert.Contains(hygiene.Findings, f => f.Text.Contains("SMTP smuggling", StringComparison.Ordinal));
        Assert.Contains(hygiene.Findings, f => f.Text.Contains("bare LF", StringComparison.Ordinal) && f.Text.Contains("RFC 5321 §2.3.8", StringComparison.Ordinal));
        Assert.Contains(hygiene.Findings, f => f.Text.Contains("no Subject", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caps_MoreConnectionsFromOneAddressThanAllowed_421ForTheExtraOne()
    {
        await using var lab = ReceiveLab.Start(o => o.MaxConnectionsPerAddress = 2);
        var (a, bannerA) = await RawSender.ConnectAsync(lab.Endpoint);
        var (b, bannerB) = await RawSender.ConnectAsync(lab.Endpoint);
        var (c, bannerC) = await RawSender.ConnectAsync(lab.Endpoint);
        var (other, bannerOther) = await RawSender.ConnectAsync(lab.Endpoint, IPAddress.Parse("127.0.0.74"));
        await using var x1 = a;
        await using var x2 = b;
        await using var x3 = c;
        await using var x4 = other;

        Assert.StartsWith("220 ", bannerA, StringComparison.Ordinal);
        Assert.StartsWith("220 ", bannerB, StringComparison.Ordinal);
        Assert.StartsWith("421 4.7.0 ", bannerC, StringComparison.Ordinal);
        Assert.StartsWith("220 ", bannerOther, StringComparison.Ordinal);
        Assert.True(await c.ClosedAsync());
    }

    [Fact]
    public async Task Concurrency_FiftySendersAtOnce_AllJudgedWithinTheCaps()
    {
        await using var lab = ReceiveLab.Start(o =>
        {
            o.MaxConnections = 60;
            o.MaxConnectionsPerAddress = 5;
        });
        var checks = Enumerable.Range(0, 50).Select(i => lab.NewCheck($"check{i}")).ToList();
        var peak = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                peak = Math.Max(peak, lab.Receiver.ActiveConnections);
                await Task.Delay(5);
            }
        });

        await Task.WhenAll(checks.Select((c, i) =>
        {
            var message = ReceiveLab.Message("ann@sender.test", c.Address, subject: $"sender {i}");
            ReceiveLab.Sign(message);
            return lab.SendAsync(message, "ann@sender.test", c.Address, source: IPAddress.Parse($"127.0.1.{1 + (i % 10)}"));
        }));
        var outcomes = await Task.WhenAll(checks.Select(c => lab.Mailboxes.WaitForOutcomeAsync(c.Token, TimeSpan.FromSeconds(60))));
        await watching.CancelAsync();
        await watcher;

        Assert.All(outcomes, events => Assert.Equal(CheckOutcome.Received, events.Result().Outcome));
        Assert.All(outcomes, events => Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Dkim, "d=sender.test s=sel").Status));
        Assert.All(checks, c => Assert.Equal(1, lab.Mailboxes.Get(c.Token).Opened));
        Assert.InRange(peak, 1, 60);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The condition did not hold within 10 s.");
    }
}
