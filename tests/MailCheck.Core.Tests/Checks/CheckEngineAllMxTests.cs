using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Matrix;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;

namespace MailCheck.Core.Tests.Checks;

/// <summary>Every MX at once (scope all): every address tried, in parallel but bounded, never DATA, a target on every event.</summary>
public class CheckEngineAllMxTests
{
    private static CheckRequest AllProbe() => EngineHarness.Request(CheckMode.Probe) with { Scope = CheckScope.All };

    [Fact]
    public async Task RunAsync_ScopeAll_TriesEveryAddressOfEveryMxIncludingIPv6()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2", "2001:db8::25"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        h.Serve("127.0.0.2", new SmtpDialogue());
        h.Serve("2001:db8::25", new SmtpDialogue());
        h.Serve("127.0.0.3", new SmtpDialogue());

        var events = await h.RunAsync(AllProbe());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.StartsWith("Accepted by all 3 targets tested (2 MX hosts)", result.Summary, StringComparison.Ordinal);
        Assert.Equal(["127.0.0.2", "127.0.0.3", "2001:db8::25"], h.Connector.Attempts.Select(a => a.Address.ToString()).Order(StringComparer.Ordinal));
        var plan = Assert.IsType<TargetPlanDetail>(Assert.Single(events, e => e.Detail is TargetPlanDetail).Detail);
        Assert.Equal([(1, "mx1.example.com", "127.0.0.2"), (2, "mx1.example.com", "2001:db8::25"), (3, "mx2.example.com", "127.0.0.3")],
            plan.Targets.Select(t => (t.Index, t.Host, t.Address)));
        Assert.Equal(SmtpStage.MaxParallelAttempts, plan.MaxParallel);
        Assert.Equal(3, events.Count(e => e.Detail is TargetOutcomeDetail { Result.Outcome: CheckOutcome.Accepted }));
    }

    [Fact]
    public async Task RunAsync_ScopeAll_RecordsInAnyDnsOrder_TargetsNumberedTheSameEveryRun()
    {
        // DNS servers rotate an RRset's records (RFC 2181 §5): the targets must not follow that order, or two runs of an
        // unchanged domain would number their targets differently and compare as changed.
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx2.example.com", 10, ["2001:db8::25", "127.0.0.9", "127.0.0.3"]), ("mx1.example.com", 10, ["127.0.0.2"]));
        foreach (var address in new[] { "127.0.0.2", "127.0.0.3", "127.0.0.9", "2001:db8::25" })
        {
            h.Serve(address, new SmtpDialogue());
        }

        var events = await h.RunAsync(AllProbe());

        var plan = Assert.IsType<TargetPlanDetail>(Assert.Single(events, e => e.Detail is TargetPlanDetail).Detail);
        Assert.Equal(
            [(1, "mx1.example.com", "127.0.0.2"), (2, "mx2.example.com", "127.0.0.3"), (3, "mx2.example.com", "127.0.0.9"), (4, "mx2.example.com", "2001:db8::25")],
            plan.Targets.Select(t => (t.Index, t.Host, t.Address)));
    }

    [Fact]
    public async Task RunAsync_ScopeAll_NeverSendsDataAndEndsEachProbeWithRsetQuit()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        var one = h.Serve("127.0.0.2", new SmtpDialogue());
        var two = h.Serve("127.0.0.3", new SmtpDialogue());

        var events = await h.RunAsync(AllProbe());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        foreach (var server in new[] { one, two })
        {
            var connection = Assert.Single(server.Connections);
            Assert.Equal(["EHLO", "MAIL", "RCPT", "RSET", "QUIT"], connection.Received.Select(l => l.Split(' ')[0]));
            Assert.Null(connection.Data);
        }

        Assert.DoesNotContain(events, e => e.Kind is EventKind.Data or EventKind.Message);
    }

    [Fact]
    public async Task RunAsync_ScopeAll_EveryConnectionEventCarriesItsTargetAndSeqStaysGapless()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2", "127.0.0.4"]), ("mx2.example.com", 20, ["127.0.0.3"]));
        h.Serve("127.0.0.2", new SmtpDialogue { Banner = "220 mx1.example.com ESMTP one" });
        h.Serve("127.0.0.3", new SmtpDialogue { Banner = "220 mx2.example.com ESMTP two" });
        h.Serve("127.0.0.4", new SmtpDialogue { Banner = "220 mx1.example.com ESMTP three" });

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Connect) with { Scope = CheckScope.All });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var connectionKinds = new[] { EventKind.Connect, EventKind.Banner, EventKind.Ehlo, EventKind.StartTls, EventKind.Tls, EventKind.Quit, EventKind.Policy };
        Assert.All(events.Where(e => connectionKinds.Contains(e.Kind) && e.Detail is not TargetPlanDetail), e =>
        {
            Assert.NotNull(e.Target);
            Assert.Equal(e.Target.Host, e.Host);
        });
        foreach (var transcript in TargetTranscript.Of(events))
        {
            var banner = Assert.Single(transcript.Events, e => e.Kind == EventKind.Banner);
            var expected = transcript.Target.Address switch
            {
                "127.0.0.2" => "one",
                "127.0.0.3" => "two",
                _ => "three",
            };
            Assert.EndsWith(expected, banner.Text, StringComparison.Ordinal);
            Assert.All(transcript.Events, e => Assert.Equal(transcript.Target.Address, e.Target!.Address));
        }
    }

    [Fact]
    public async Task RunAsync_ScopeAll_RunsAtMostFourAttemptsAtOnce()
    {
        await using var h = new EngineHarness();
        var addresses = Enumerable.Range(2, 8).Select(i => $"127.0.0.{i}").ToArray();
        h.Dns.Add("example.com", [.. addresses.Select((a, i) => ($"mx{i}.example.com", 10 + i, new[] { a }))]);
        // Counted on the engine's side: a connection is open from the moment the engine holds it until it disposes
        // it. (Counted in the servers, a handler still winding down after QUIT overlaps the engine's next connection.)
        var open = 0;
        var most = 0;
        var gate = new object();
        h.Connector.WrapStream = stream =>
        {
            lock (gate)
            {
                open++;
                most = Math.Max(most, open);
            }

            return new FaultyStream(stream)
            {
                Disposed = () =>
                {
                    lock (gate)
                    {
                        open--;
                    }
                },
            };
        };
        var dialogue = new SmtpDialogue();
        foreach (var address in addresses)
        {
            h.Serve(address, async connection =>
            {
                // Greet only once four are open (or after a bound): a sequential engine would stay at one.
                var until = DateTime.UtcNow.AddSeconds(3);
                while (DateTime.UtcNow < until && Volatile.Read(ref open) < SmtpStage.MaxParallelAttempts)
                {
                    await Task.Delay(20, connection.CancellationToken);
                }

                await dialogue.RunAsync(connection);
            });
        }

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Connect) with { Scope = CheckScope.All });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(8, h.Connector.Attempts.Count);
        Assert.Equal(SmtpStage.MaxParallelAttempts, most);
    }

    [Fact]
    public async Task RunAsync_ScopeAll_MoreAddressesThanTheCap_TestsTenAndSaysWhyNotTheRest()
    {
        await using var h = new EngineHarness();
        var addresses = Enumerable.Range(1, 12).Select(i => $"127.0.1.{i}").ToArray();
        h.Dns.Add("example.com", ("mx1.example.com", 10, addresses));
        foreach (var address in addresses)
        {
            h.Serve(address, new SmtpDialogue());
        }

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Connect) with { Scope = CheckScope.All });

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(SmtpStage.MaxConnectionAttempts, h.Connector.Attempts.Count);
        Assert.Contains("2 not tested ([11], [12]: MailCheck opens at most 10 connections per check)", result.Summary, StringComparison.Ordinal);
        Assert.Equal(2, events.Count(e => e.Detail is TargetOutcomeDetail { NotTested: not null }));
    }

    [Fact]
    public async Task RunAsync_ScopeAll_BackupUnreachable_OutcomeOfTheFirstFailingTargetAndHowManyAccepted()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]), ("mx3.example.com", 30, ["127.0.0.4"]));
        h.Serve("127.0.0.2", new SmtpDialogue());
        h.Connector.Refuse(IPAddress.Parse("127.0.0.3"));
        h.Serve("127.0.0.4", new SmtpDialogue { OnCommand = c => c.StartsWith("RCPT", StringComparison.Ordinal) ? "550 5.7.1 Relaying denied" : null });

        var events = await h.RunAsync(AllProbe());

        var result = EventAssert.Outcome(events, CheckOutcome.Unreachable);
        Assert.StartsWith("1 of 3 targets accepted; first not accepted, [2] mx2.example.com [127.0.0.3]: Unreachable: could not connect", result.Summary, StringComparison.Ordinal);
        Assert.EndsWith("not accepted either: [3] mx3.example.com [127.0.0.4] (rejected)", result.Summary, StringComparison.Ordinal);
        Assert.Equal("mx2.example.com", result.Host);
        Assert.Equal(EventKind.Connect, result.Step);
        Assert.DoesNotContain(events, e => e.Text.Contains("trying the next address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ScopeAll_EveryAddressBlocked_Blocked()
    {
        await using var h = new EngineHarness { Policy = new MailCheck.Core.Net.SafetyTargetPolicy(Microsoft.Extensions.Options.Options.Create(new MailCheck.Core.Net.SafetyOptions())) };
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2", "10.0.0.1"]));

        var events = await h.RunAsync(AllProbe());

        EventAssert.Outcome(events, CheckOutcome.Blocked);
        Assert.Empty(h.Connector.Attempts);
        Assert.Equal(2, events.Count(e => e is { Kind: EventKind.Policy, Target: not null }));
    }

    [Fact]
    public async Task RunAsync_ScopeAllWithSend_RefusedBeforeAnythingNamingScope()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var refused = Assert.Throws<CheckValidationException>(() => h.Engine().RunAsync("id", EngineHarness.Request(CheckMode.Send) with { Scope = CheckScope.All }));

        Assert.Contains(refused.Errors, e => e.Field == "scope");
        Assert.Empty(h.Connector.Attempts);
        Assert.Empty(server.Connections);
    }

    [Fact]
    public async Task RunAsync_ScopeAll_MatrixShowsTheDifferencesBetweenHosts()
    {
        await using var h = new EngineHarness();
        using var good = TestCertificates.CreateSelfSigned("mx1.example.com");
        using var expired = TestCertificates.Create(["mx3.example.com"], DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-30));
        h.Dns.Add("example.com",
            ("mx1.example.com", 10, ["127.0.0.2", "2001:db8::25"]),
            ("mx2.example.com", 20, ["127.0.0.3"]),
            ("mx3.example.com", 30, ["127.0.0.4"]));
        h.Serve("127.0.0.2", new SmtpDialogue { HostName = "mx1.example.com", Banner = "220 mx1.example.com ESMTP Postfix", Certificate = good, Extensions = ["PIPELINING", "SIZE 10240000", "8BITMIME"] });
        h.Connector.Refuse(IPAddress.Parse("2001:db8::25"));
        h.Serve("127.0.0.3", new SmtpDialogue { HostName = "mx2.example.com", Banner = "220 mx2.example.com ESMTP Exim 4.96", Extensions = ["PIPELINING", "SIZE 5242880", "8BITMIME"] });
        h.Serve("127.0.0.4", new SmtpDialogue { HostName = "mx3.example.com", Banner = "220 mx3.example.com ESMTP Postfix", Certificate = expired, Extensions = ["PIPELINING", "SIZE 10240000", "8BITMIME"] });

        var events = await h.RunAsync(AllProbe());

        EventAssert.Outcome(events, CheckOutcome.Unreachable);
        var matrix = MxMatrixBuilder.Build(events, CheckMode.Probe, TlsPolicy.Opportunistic);
        Assert.Equal("3 of 4 targets accepted", matrix.Summary);
        Assert.Equal(["127.0.0.2", "2001:db8::25", "127.0.0.3", "127.0.0.4"], matrix.Rows.Select(r => r.Address));
        Assert.Equal([10, 10, 20, 30], matrix.Rows.Select(r => r.Preference));

        var (v6, mx2, mx3) = (matrix.Rows[1], matrix.Rows[2], matrix.Rows[3]);
        Assert.Equal(MatrixCellStatus.Fail, v6.Cell(MatrixStage.Connect).Status);
        Assert.Equal("connection refused", v6.Cell(MatrixStage.Connect).Text);
        Assert.All(v6.Stages.Skip(1), c => Assert.Equal(MatrixCellStatus.NotReached, c.Status));
        Assert.Equal(CheckOutcome.Unreachable, v6.Outcome);

        Assert.Equal(MatrixCellStatus.Warn, mx2.Cell(MatrixStage.StartTls).Status);
        Assert.Equal("not offered", mx2.Cell(MatrixStage.StartTls).Text);
        Assert.True(mx2.Cell(MatrixStage.StartTls).Differs);
        Assert.Equal(MatrixCellStatus.Skipped, mx2.Cell(MatrixStage.Certificate).Status);
        Assert.True(mx2.Cell(MatrixStage.Banner).Differs);
        Assert.True(mx2.Cell(MatrixStage.Ehlo).Differs);

        var certificate = mx3.Cell(MatrixStage.Certificate);
        Assert.Equal(MatrixCellStatus.Fail, certificate.Status);
        Assert.StartsWith("expired ", certificate.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 5280 §4.1.2.5", certificate.Reply, StringComparison.Ordinal);
        Assert.Equal(MatrixCellStatus.Pass, mx3.Cell(MatrixStage.RcptTo).Status);
        Assert.Equal(CheckOutcome.Accepted, mx3.Outcome);
        Assert.False(mx3.Cell(MatrixStage.Banner).Differs);

        var aspects = matrix.Differences.Select(d => d.Aspect).ToList();
        Assert.Equal(["outcome", "startTls", "certificate", "size", "banner"], aspects);
        var size = matrix.Differences.Single(d => d.Aspect == "size");
        Assert.Contains("9.8 MiB (10240000 bytes) at [1] mx1.example.com [127.0.0.2], [4] mx3.example.com [127.0.0.4]", size.Text, StringComparison.Ordinal);
        Assert.Contains("5 MiB (5242880 bytes) at [3] mx2.example.com [127.0.0.3]", size.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 1870", size.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 3207", matrix.Differences.Single(d => d.Aspect == "startTls").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ScopeAllWithPosture_StagesAfterTheSessionReadEachParallelConnectionRight()
    {
        await using var h = new EngineHarness();
        h.ExtraStages.Add(new MailCheck.Core.Posture.ReverseDns.PtrStage());
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]), ("mx2.example.com", 20, ["127.0.0.3"]), ("mx3.example.com", 30, ["127.0.0.4"]));
        foreach (var (address, name) in new[] { ("127.0.0.2", "mx1.example.com"), ("127.0.0.3", "mx2.example.com"), ("127.0.0.4", "mx3.example.com") })
        {
            h.Serve(address, new SmtpDialogue { HostName = name, Banner = $"220 {name} ESMTP" });
        }

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Connect) with { Scope = CheckScope.All, Posture = true });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var ptr = Assert.IsType<MailCheck.Core.Posture.ReverseDns.PtrDetail>(Assert.Single(events, e => e.Kind == EventKind.Ptr).Detail);
        Assert.Equal(
            [("127.0.0.2", "mx1.example.com"), ("127.0.0.3", "mx2.example.com"), ("127.0.0.4", "mx3.example.com")],
            ptr.Entries.Select(e => (e.Address, e.BannerName)));
    }
}
