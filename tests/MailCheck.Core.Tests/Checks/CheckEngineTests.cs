using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Checks;

public class CheckEngineTests
{
    [Fact]
    public async Task RunAsync_SendHappyPath_AcceptedWithQueueId()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal("ABC123", result.QueueId);
        Assert.Equal("mx1.example.com", result.Host);
        Assert.Equal("127.0.0.2", result.Address);
        Assert.Equal(EventKind.Message, result.Step);
        Assert.Contains("mx1.example.com", result.Summary, StringComparison.Ordinal);
        var commands = server.Connections[0].Received.Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["EHLO", "MAIL", "RCPT", "DATA", "QUIT"], commands);
        Assert.Equal("MAIL FROM:<sender@example.org> SIZE=" + (server.Connections[0].Data!.Length - 3), server.Connections[0].Received[1]);
    }

    [Fact]
    public async Task RunAsync_SendHappyPath_EventsDescribeEveryStep()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains(events, e => e.Kind == EventKind.Dns);
        var mx = Assert.IsType<MxDetail>(Assert.Single(events, e => e.Kind == EventKind.Mx).Detail);
        Assert.Equal("mx1.example.com", mx.Hosts[0].Host);
        Assert.Contains(events, e => e.Kind == EventKind.Connect && e.Detail is ConnectionDetail { Connected: true, Address: "127.0.0.2", Port: 25 });
        var banner = Assert.Single(events, e => e.Kind == EventKind.Banner);
        Assert.Equal(220, banner.Code);
        Assert.NotNull(banner.Explanation);
        Assert.Equal("mx1.example.com", banner.Host);
        var ehlo = Assert.Single(events, e => e.Kind == EventKind.Ehlo && e.Direction == EventDirection.Server);
        var caps = Assert.IsType<CapabilitiesDetail>(ehlo.Detail);
        Assert.Equal(10240000, caps.Size);
        Assert.True(caps.EnhancedStatusCodes);
        var rcpt = Assert.Single(events, e => e.Kind == EventKind.Rcpt && e.Direction == EventDirection.Server);
        Assert.Equal("2.1.5", rcpt.EnhancedCode);
        Assert.NotNull(rcpt.Duration);
        var message = Assert.Single(events, e => e.Kind == EventKind.Message && e.Direction == EventDirection.Client);
        Assert.Contains("X-MailCheck-Check: testcheck0000000000000", message.Text, StringComparison.Ordinal);
        Assert.Contains("Subject: Delivery test", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("This is a test", message.Text, StringComparison.Ordinal);
        Assert.Matches(@"\(\d+ bytes, \d+ lines\)$", message.Text);
        Assert.All(events, e => Assert.False(e.Secure));
        Assert.All(events.Where(e => e.Direction == EventDirection.Server), e =>
        {
            Assert.NotNull(e.Code);
            Assert.False(string.IsNullOrEmpty(e.Explanation));
            Assert.NotNull(e.Duration);
            Assert.Equal("mx1.example.com", e.Host);
        });
        Assert.Equal(events.Select(e => e.Elapsed).Order(), events.Select(e => e.Elapsed));
    }

    [Fact]
    public async Task RunAsync_InvalidRequest_ThrowsBeforeAnything()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        Assert.Throws<CheckValidationException>(() => h.Engine().RunAsync("id", EngineHarness.Request() with { Recipients = [] }));

        Assert.Empty(h.Connector.Attempts);
        Assert.Empty(server.Connections);
    }

    [Fact]
    public async Task RunAsync_Message_BodyLinesAreDotStuffedAndCrlfOnTheWire()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);
        var request = EngineHarness.Request() with { Body = ".starts with a dot\nbare LF\rbare CR\r\n..two dots\n.\nend" };

        var events = await h.RunAsync(request);

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var data = server.Connections[0].Data!;
        var text = Encoding.UTF8.GetString(data);
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.StartsWith("..starts with a dot\r\nbare LF\r\nbare CR\r\n...two dots\r\n..\r\nend\r\n-- \r\nSent by MailCheck (instance tests) as a delivery test, check testcheck0000000000000.\r\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\r\n.\r\n", text, StringComparison.Ordinal);
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '\n')
            {
                Assert.True(i > 0 && data[i - 1] == '\r', $"bare LF at {i}");
            }

            if (data[i] == '\r')
            {
                Assert.True(i + 1 < data.Length && data[i + 1] == '\n', $"bare CR at {i}");
            }
        }
    }
}
