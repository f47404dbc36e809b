using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

public class TranscriptFormatterTests
{
    private static CheckEvent E(int seq, EventDirection direction, EventKind kind, string text, double elapsedMs, bool secure = false, double? durationMs = null, CheckEventDetail? detail = null) => new()
    {
        Seq = seq,
        At = DateTimeOffset.UnixEpoch,
        Elapsed = TimeSpan.FromMilliseconds(elapsedMs),
        Direction = direction,
        Kind = kind,
        Text = text,
        Secure = secure,
        Duration = durationMs is null ? null : TimeSpan.FromMilliseconds(durationMs.Value),
        Detail = detail,
    };

    [Fact]
    public void Format_Conversation_SwaksLikeMarkersTimesAndDurations()
    {
        var result = new CheckResult { Outcome = CheckOutcome.Accepted, Summary = "Accepted by mx1.example.com" };
        CheckEvent[] events =
        [
            E(1, EventDirection.Info, EventKind.Connect, "Connected to mx1.example.com [127.0.0.2]:25", 3, durationMs: 2),
            E(2, EventDirection.Server, EventKind.Banner, "220 mx1 ESMTP", 30, durationMs: 27),
            E(3, EventDirection.Client, EventKind.Ehlo, "EHLO me", 31),
            E(4, EventDirection.Server, EventKind.Ehlo, "250-mx1\n250 STARTTLS", 32.4, durationMs: 1.4),
            E(5, EventDirection.Client, EventKind.Mail, "MAIL FROM:<a@b>", 1500, secure: true),
            E(6, EventDirection.Server, EventKind.Mail, "250 ok", 3100, secure: true, durationMs: 1600),
            E(7, EventDirection.Info, EventKind.Outcome, "Accepted by mx1.example.com", 3200, detail: new OutcomeDetail(result)),
        ];

        var text = TranscriptFormatter.Format(events);

        Assert.Equal(
            "   0.003 === Connected to mx1.example.com [127.0.0.2]:25  (2 ms)\n" +
            "   0.030 <-  220 mx1 ESMTP  (27 ms)\n" +
            "   0.031  -> EHLO me\n" +
            "   0.032 <-  250-mx1\n" +
            "         <-  250 STARTTLS  (1 ms)\n" +
            "   1.500  ~> MAIL FROM:<a@b>\n" +
            "   3.100 <~  250 ok  (1.60 s)\n" +
            "   3.200 === Result: accepted: Accepted by mx1.example.com\n",
            text);
    }

    [Fact]
    public void FormatEvent_OneEvent_EndsWithNewLine()
    {
        var line = TranscriptFormatter.FormatEvent(E(1, EventDirection.Client, EventKind.Quit, "QUIT", 12));

        Assert.Equal("   0.012  -> QUIT\n", line);
    }

    [Theory]
    [InlineData(EventDirection.Client, EventKind.Ehlo, false, "->")]
    [InlineData(EventDirection.Client, EventKind.Mail, true, "~>")]
    [InlineData(EventDirection.Server, EventKind.Banner, false, "<-")]
    [InlineData(EventDirection.Server, EventKind.Rcpt, true, "<~")]
    [InlineData(EventDirection.Info, EventKind.Connect, false, "===")]
    [InlineData(EventDirection.Info, EventKind.Outcome, false, "===")]
    [InlineData(EventDirection.Info, EventKind.Error, false, "***")]
    [InlineData(EventDirection.Info, EventKind.Error, true, "***")]
    [InlineData(EventDirection.Info, EventKind.Policy, false, "***")]
    public void Mark_EveryKindOfLine_SwaksMark(EventDirection direction, EventKind kind, bool secure, string expected)
    {
        Assert.Equal(expected, TranscriptFormatter.Mark(E(1, direction, kind, "x", 1, secure)));
    }

    [Fact]
    public void Format_FaultAndRefusal_MarkedAsProblemsLikeThePage()
    {
        CheckEvent[] events =
        [
            E(1, EventDirection.Info, EventKind.Policy, "blocked: 127.0.0.2 port 25 (mx1) — 127.0.0.2 is in 127.0.0.0/8 (loopback)", 2),
            E(2, EventDirection.Info, EventKind.Error, "The server closed the connection.\nsecond line", 90),
        ];

        var text = TranscriptFormatter.Format(events);

        Assert.Equal(
            "   0.002 *** blocked: 127.0.0.2 port 25 (mx1) — 127.0.0.2 is in 127.0.0.0/8 (loopback)\n" +
            "   0.090 *** The server closed the connection.\n" +
            "         *** second line\n",
            text);
        Assert.All(TranscriptFormatter.Lines(events[1]), l => Assert.True(l.Problem));
    }

    [Fact]
    public void Lines_MultiLineReply_PartsWithTheDurationOnTheLastLine()
    {
        var lines = TranscriptFormatter.Lines(E(4, EventDirection.Server, EventKind.Ehlo, "250-mx1\n250 STARTTLS", 32.4, durationMs: 1.4));

        Assert.Equal(
            [new TranscriptLine("   0.032", "<-", "250-mx1", null, false), new TranscriptLine("        ", "<-", "250 STARTTLS", "1 ms", false)],
            lines);
    }

    [Fact]
    public void Format_EveryMxCheck_TagsEachTargetsLinesAndPutsTheMatrixBeforeTheOutcome()
    {
        var one = new EventTarget(1, "mx1.example.com", "127.0.0.2", 25);
        var two = new EventTarget(2, "mx2.example.com", "127.0.0.3", 25);
        var result = new CheckResult { Outcome = CheckOutcome.Accepted, Summary = "Accepted by all 2 targets tested (2 MX hosts)" };
        CheckEvent[] events =
        [
            E(1, EventDirection.Info, EventKind.Target, "Testing every MX: 2 addresses", 1, detail: new TargetPlanDetail([one, two], 4)),
            E(2, EventDirection.Server, EventKind.Banner, "220 mx1 ESMTP", 30, durationMs: 27) with { Target = one },
            E(3, EventDirection.Server, EventKind.Banner, "220 mx2 ESMTP", 31, durationMs: 20) with { Target = two },
            E(4, EventDirection.Client, EventKind.Ehlo, "EHLO me", 32) with { Target = one },
            E(5, EventDirection.Info, EventKind.Outcome, result.Summary, 40, detail: new OutcomeDetail(result)),
        ];
        var request = new Documents.RedactedRequest { Domain = "example.com", Mode = CheckMode.Connect, Scope = CheckScope.All, Tls = TlsPolicy.None };

        var text = TranscriptFormatter.Format(events, request);

        var lines = text.Split('\n');
        Assert.Equal("   0.001      === Testing every MX: 2 addresses", lines[0]);
        Assert.Equal("   0.030 [1]  <-  220 mx1 ESMTP  (27 ms)", lines[1]);
        Assert.Equal("   0.031 [2]  <-  220 mx2 ESMTP  (20 ms)", lines[2]);
        Assert.Equal("   0.032 [1]   -> EHLO me", lines[3]);
        Assert.StartsWith("MX matrix: ", lines[4], StringComparison.Ordinal);
        Assert.Equal("   0.040      === Result: accepted: Accepted by all 2 targets tested (2 MX hosts)", lines[^2]);
        Assert.DoesNotContain("[1]", TranscriptFormatter.Format(events), StringComparison.Ordinal);
    }
}
