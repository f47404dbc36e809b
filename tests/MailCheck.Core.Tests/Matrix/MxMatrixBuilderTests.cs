using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Matrix;

namespace MailCheck.Core.Tests.Matrix;

public class MxMatrixBuilderTests
{
    private static readonly EventTarget One = new(1, "mx1.example.com", "192.0.2.1", 25);
    private static readonly EventTarget Two = new(2, "mx2.example.com", "192.0.2.2", 25);
    private static readonly EventTarget Three = new(3, "mx2.example.com", "2001:db8::2", 25);

    private static EventScript Planned() => new EventScript()
        .Mx("example.com",
            new MxHost("mx1.example.com", 10, [new ResolvedAddress("192.0.2.1", 300)]),
            new MxHost("mx2.example.com", 20, [new ResolvedAddress("192.0.2.2", 300), new ResolvedAddress("2001:db8::2", 300)]),
            new MxHost("mx3.example.com", 30, [], "mx3.example.com does not exist (NXDOMAIN)."))
        .Plan(One, Two, Three);

    [Fact]
    public void Build_WhileRunning_RowsForEveryPlannedTargetWithPendingCells()
    {
        var script = Planned().Connected(One).Reply(One, EventKind.Banner, 220, "220 mx1.example.com ESMTP");

        var matrix = MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Opportunistic);

        Assert.Equal([1, 2, 3, null], matrix.Rows.Select(r => r.Index));
        var first = matrix.Rows[0];
        Assert.Equal([MatrixCellStatus.Pass, MatrixCellStatus.Pass, MatrixCellStatus.Pending], first.Stages.Take(3).Select(c => c.Status));
        Assert.Equal(10, first.Cell(MatrixStage.Connect).Ms);
        Assert.Equal("220", first.Cell(MatrixStage.Banner).Text);
        Assert.Equal("220 mx1.example.com ESMTP", first.Cell(MatrixStage.Banner).Reply);
        Assert.All(matrix.Rows[1].Stages, c => Assert.Equal(MatrixCellStatus.Pending, c.Status));
        Assert.Null(first.Outcome);
        Assert.Equal(3, matrix.Running);
        Assert.Equal("3 targets running; 1 not tested", matrix.Summary);
    }

    [Fact]
    public void Build_HostWithoutAddress_ARowOfItsOwnInMxOrder()
    {
        var matrix = MxMatrixBuilder.Build(Planned().Events, CheckMode.Probe, TlsPolicy.Opportunistic);

        var row = matrix.Rows[^1];
        Assert.Equal("mx3.example.com", row.Host);
        Assert.Null(row.Address);
        Assert.Equal(30, row.Preference);
        Assert.Equal(MatrixCellStatus.Fail, row.Cell(MatrixStage.Connect).Status);
        Assert.Equal("no address", row.Cell(MatrixStage.Connect).Text);
        Assert.Contains("NXDOMAIN", row.Cell(MatrixStage.Connect).Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Finished_CellsOfEachStepWithTimesRepliesAndDifferences()
    {
        var script = Planned()
            .Probe(One, "220 mx1.example.com ESMTP Postfix", 10240000, EventScript.ValidTls("mx1.example.com"))
            .TargetDone(One, CheckOutcome.Accepted, EventKind.Rcpt, "Accepted at RCPT TO by mx1.example.com")
            .Probe(Two, "220 mx2.example.com ESMTP Postfix", 5242880, tls: null, rcptCode: 550)
            .TargetDone(Two, CheckOutcome.Rejected, EventKind.Rcpt, "Rejected at RCPT TO by mx2.example.com: 550 5.1.1")
            .Refused(Three)
            .TargetDone(Three, CheckOutcome.Unreachable, EventKind.Connect, "Unreachable: could not connect")
            .Outcome(CheckOutcome.Rejected, "1 of 3 targets accepted");

        var matrix = MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Opportunistic);

        Assert.Equal("1 of 3 targets accepted; 1 not tested", matrix.Summary);
        var (one, two, three) = (matrix.Rows[0], matrix.Rows[1], matrix.Rows[2]);
        Assert.All(one.Stages, c => Assert.Equal(MatrixCellStatus.Pass, c.Status));
        Assert.Equal("valid to 2026-12-31", one.Cell(MatrixStage.Certificate).Text);
        Assert.Equal("250 · SIZE 9.8 MiB", one.Cell(MatrixStage.Ehlo).Text);
        Assert.Equal(MatrixCellStatus.Warn, two.Cell(MatrixStage.StartTls).Status);
        Assert.Equal(MatrixCellStatus.Skipped, two.Cell(MatrixStage.Certificate).Status);
        Assert.Equal(MatrixCellStatus.Fail, two.Cell(MatrixStage.RcptTo).Status);
        Assert.Equal("550 5.1.1", two.Cell(MatrixStage.RcptTo).Text);
        Assert.Equal(550, two.Cell(MatrixStage.RcptTo).Code);
        Assert.True(two.Cell(MatrixStage.RcptTo).Differs);
        Assert.True(two.Cell(MatrixStage.Ehlo).Differs);
        Assert.False(two.Cell(MatrixStage.Banner).Differs);
        Assert.Equal(MatrixCellStatus.Fail, three.Cell(MatrixStage.Connect).Status);
        Assert.Equal(CheckOutcome.Unreachable, three.Outcome);
        Assert.Equal(["outcome", "startTls", "size"], matrix.Differences.Select(d => d.Aspect));
        var outcome = matrix.Differences[0];
        Assert.Equal(["accepted", "rejected", "unreachable"], outcome.Values.Select(v => v.Value));
        Assert.Equal(["[1] mx1.example.com [192.0.2.1]"], outcome.Values[0].Targets);
    }

    [Fact]
    public void Build_TargetEndedWithoutAReply_FailsTheStepItEndedAtAndTheRestAreNotReached()
    {
        var script = Planned()
            .Connected(One)
            .Add(EventKind.Error, EventDirection.Info, "No reply to the banner within 30 s.", One)
            .TargetDone(One, CheckOutcome.Timeout, EventKind.Banner, "Timed out at the banner with mx1.example.com");

        var row = MxMatrixBuilder.Build(script.Events, CheckMode.Connect, TlsPolicy.Opportunistic).Rows[0];

        Assert.Equal(MatrixCellStatus.Fail, row.Cell(MatrixStage.Banner).Status);
        Assert.Equal("timed out", row.Cell(MatrixStage.Banner).Text);
        Assert.Equal("No reply to the banner within 30 s.", row.Cell(MatrixStage.Banner).Reply);
        Assert.Equal(MatrixCellStatus.NotReached, row.Cell(MatrixStage.Ehlo).Status);
        Assert.Equal(MatrixCellStatus.Skipped, row.Cell(MatrixStage.MailFrom).Status);
        Assert.Equal("connect only", row.Cell(MatrixStage.RcptTo).Text);
    }

    [Fact]
    public void Build_NotTestedAndBlocked_MarkedNotTestedAndLeftOutOfTheCount()
    {
        var script = Planned()
            .Add(EventKind.Policy, EventDirection.Info, "blocked: 192.0.2.2 port 25 (mx2.example.com) — a documentation address", Two)
            .TargetDone(Two, CheckOutcome.Blocked, EventKind.Policy, "Blocked", "refused by the safety policy")
            .Add(EventKind.Connect, EventDirection.Info, "Connection to mx2.example.com [2001:db8::2]:25 failed: network unreachable", Three,
                new ConnectionDetail(Three.Host, Three.Address, 25, Connected: false, "network unreachable"))
            .TargetDone(Three, CheckOutcome.Unreachable, EventKind.Connect, "Unreachable", "MailCheck has no route to IPv6 addresses from where it runs")
            .Outcome(CheckOutcome.Unreachable, "...");

        var matrix = MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Opportunistic);

        var blocked = matrix.Rows[1];
        Assert.Equal(MatrixCellStatus.NotTested, blocked.Cell(MatrixStage.Connect).Status);
        Assert.Equal("blocked", blocked.Cell(MatrixStage.Connect).Text);
        Assert.All(blocked.Stages.Skip(1), c => Assert.Equal(MatrixCellStatus.NotTested, c.Status));
        var noRoute = matrix.Rows[2];
        Assert.Equal(MatrixCellStatus.NotTested, noRoute.Cell(MatrixStage.Connect).Status);
        Assert.Equal("MailCheck has no route to IPv6 addresses from where it runs", noRoute.NotTested);
        Assert.Equal(3, matrix.NotTested);
        Assert.Equal(0, matrix.Tested);
    }

    [Fact]
    public void Build_ExpiredAndUntrustedCertificates_FailAndWarnUnderOpportunisticFailUnderRequired()
    {
        var expired = EventScript.ValidTls("mx1.example.com", notAfter: EventScript.Start.AddDays(-1));
        var untrusted = EventScript.ValidTls("mx2.example.com") with { ChainValid = false, ChainErrors = ["UntrustedRoot: self-signed certificate"] };
        var script = Planned()
            .Probe(One, "220 mx1.example.com ESMTP", 1000, expired).TargetDone(One, CheckOutcome.Accepted, EventKind.Rcpt, "ok")
            .Probe(Two, "220 mx2.example.com ESMTP", 1000, untrusted).TargetDone(Two, CheckOutcome.Accepted, EventKind.Rcpt, "ok");

        var opportunistic = MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Opportunistic);
        var required = MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Required);

        Assert.Equal((MatrixCellStatus.Fail, "expired 2026-10-31"), (opportunistic.Rows[0].Cell(MatrixStage.Certificate).Status, opportunistic.Rows[0].Cell(MatrixStage.Certificate).Text));
        Assert.Equal((MatrixCellStatus.Warn, "not trusted"), (opportunistic.Rows[1].Cell(MatrixStage.Certificate).Status, opportunistic.Rows[1].Cell(MatrixStage.Certificate).Text));
        Assert.Contains("RFC 7435", opportunistic.Rows[1].Cell(MatrixStage.Certificate).Reply, StringComparison.Ordinal);
        Assert.Equal(MatrixCellStatus.Fail, required.Rows[1].Cell(MatrixStage.Certificate).Status);
        Assert.Contains(opportunistic.Differences, d => d.Aspect == "certificate" && d.Text.Contains("RFC 5280 §4.1.2.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_BannersThatDifferOnlyInIdsAndDates_DoNotDiffer()
    {
        var script = Planned()
            .Probe(One, "220 mx1.example.com ESMTP Exim 4.96 Mon, 02 Nov 2026 10:00:01 +0000", 1000, null).TargetDone(One, CheckOutcome.Accepted, EventKind.Rcpt, "ok")
            .Probe(Two, "220 mx2.example.com ESMTP Exim 4.96 Mon, 02 Nov 2026 10:00:02 +0000", 1000, null).TargetDone(Two, CheckOutcome.Accepted, EventKind.Rcpt, "ok");

        var matrix = MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Opportunistic);

        Assert.False(matrix.Rows[1].Cell(MatrixStage.Banner).Differs);
        Assert.DoesNotContain(matrix.Differences, d => d.Aspect == "banner");
    }

    [Fact]
    public void Build_EventsStoredBeforeTargets_RowsInferredFromConnections()
    {
        var script = new EventScript()
            .Add(EventKind.Connect, EventDirection.Info, "Connected to mx1.example.com [192.0.2.1]:25", detail: new ConnectionDetail("mx1.example.com", "192.0.2.1", 25, Connected: true), host: "mx1.example.com")
            .Add(EventKind.Banner, EventDirection.Server, "220 mx1.example.com ESMTP", code: 220, host: "mx1.example.com");

        var matrix = MxMatrixBuilder.Build(script.Events, CheckMode.Connect, TlsPolicy.None);

        var row = Assert.Single(matrix.Rows);
        Assert.Equal("192.0.2.1", row.Address);
        Assert.Equal(MatrixCellStatus.Pass, row.Cell(MatrixStage.Banner).Status);
        Assert.Equal(MatrixCellStatus.Skipped, row.Cell(MatrixStage.StartTls).Status);
    }

    [Fact]
    public void Format_Text_OneLinePerTargetWithMarksLegendAndDifferences()
    {
        var script = Planned()
            .Probe(One, "220 mx1.example.com ESMTP", 10240000, EventScript.ValidTls("mx1.example.com")).TargetDone(One, CheckOutcome.Accepted, EventKind.Rcpt, "ok")
            .Probe(Two, "220 mx2.example.com ESMTP", 10240000, null).TargetDone(Two, CheckOutcome.Accepted, EventKind.Rcpt, "ok")
            .Refused(Three).TargetDone(Three, CheckOutcome.Unreachable, EventKind.Connect, "Unreachable: could not connect to mx2.example.com [2001:db8::2]:25")
            .Outcome(CheckOutcome.Unreachable, "2 of 3");

        var text = MxMatrixText.Format(MxMatrixBuilder.Build(script.Events, CheckMode.Probe, TlsPolicy.Opportunistic));

        var lines = text.Split('\n');
        Assert.Equal("MX matrix: 2 of 3 targets accepted; 1 not tested", lines[0]);
        Assert.Matches(@"^ #\s+MX target\s+connect\s+banner\s+EHLO\s+STARTTLS\s+certificate\s+MAIL FROM\s+RCPT TO\s+result$", lines[1]);
        Assert.Matches(@"^ \[1\]\s+10 mx1\.example\.com 192\.0\.2\.1\s+\+ connected\s+\+ 220\s+\+ 250 · SIZE 9\.8 MiB\s+\+ 220\s+\+ valid to 2026-12-31\s+\+ 250 2\.1\.0\s+\+ 250 2\.1\.5\s+accepted$", lines[2]);
        Assert.Matches(@"^ \[2\].*! not offered \*\s+- no TLS\s+.*accepted$", lines[3]);
        Assert.Matches(@"^ \[3\].*x connection refused \*\s+\.\s+.*unreachable$", lines[4]);
        Assert.Matches(@"^ 30 mx3\.example\.com\s+x no address", lines[5].TrimStart() is var t ? " " + t : "");
        Assert.Contains("  - STARTTLS differs: offered at [1] mx1.example.com [192.0.2.1]; not offered at [2] mx2.example.com [192.0.2.2]", text, StringComparison.Ordinal);
        Assert.Contains("  [3] mx2.example.com [2001:db8::2]: Unreachable: could not connect to mx2.example.com [2001:db8::2]:25", text, StringComparison.Ordinal);
        Assert.Contains("  mx3.example.com: not tested: it has no address", text, StringComparison.Ordinal);
    }
}
