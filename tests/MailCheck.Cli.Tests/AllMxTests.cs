using System.Text.Json;
using MailCheck.Cli.Tests.Infrastructure;

namespace MailCheck.Cli.Tests;

/// <summary>--all-mx: every address of every MX, the tagged transcript, the matrix before the outcome, never DATA.</summary>
public sealed class AllMxTests : IClassFixture<MailLabFixture>
{
    private readonly MailLab _lab;

    public AllMxTests(MailLabFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _lab = fixture.Lab;
    }

    [Fact]
    public async Task AllMx_BackupDead_Exit12TaggedLinesAndTheMatrixBeforeTheOutcome()
    {
        var sessions = _lab.Smtp.SessionCount;

        var run = await Tool.RunAsync(_lab.Args("every.test", more: ["--all-mx", "--no-posture"]));

        Assert.True(run.ExitCode == ExitCodes.Unreachable, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("mailcheck: every.test (probe, every MX, port ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(" [1]  <-  220 mx1.example.test", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" [2]  === Connection to mx.dead.test [127.0.0.9]", StringComparison.Ordinal));
        var matrix = Array.FindIndex(lines, l => l == "MX matrix: 1 of 2 targets accepted");
        Assert.True(matrix > 0, run.Stdout);
        Assert.Matches(@"^ #\s+MX target\s+connect\s+banner\s+EHLO\s+STARTTLS\s+certificate\s+MAIL FROM\s+RCPT TO\s+result$", lines[matrix + 1]);
        Assert.Matches(@"^ \[1\]\s+10 mx1\.example\.test 127\.0\.0\.2\s+\+ connected .*! not trusted\s+\+ 250\s+\+ 250\s+accepted$", lines[matrix + 2]);
        Assert.Matches(@"^ \[2\]\s+20 mx\.dead\.test 127\.0\.0\.9\s+x connection refused \*.*unreachable$", lines[matrix + 3]);
        Assert.Matches(@"=== Result: unreachable: 1 of 2 targets accepted; first not accepted, \[2\] mx\.dead\.test \[127\.0\.0\.9\]", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains("-> DATA", StringComparison.Ordinal));
        Assert.Equal(sessions + 1, _lab.Smtp.SessionCount);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task AllMx_EveryTargetAccepts_Exit0()
    {
        var run = await Tool.RunAsync(_lab.Args("twice.test", more: ["--all-mx", "--no-posture", "--mode", "connect", "--quiet"]));

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        Assert.Equal("accepted: Accepted by all 2 targets tested (2 MX hosts): each greeted and accepted EHLO; nothing was sent\n", run.Stdout);
    }

    [Fact]
    public async Task AllMx_WithSend_Exit64NamingTheFlagAndNothingSent()
    {
        var sessions = _lab.Smtp.SessionCount;

        var run = await Tool.RunAsync(_lab.Args("every.test", more: ["--all-mx", "--mode", "send"]));

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("--all-mx with --mode: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("never sends one message to several servers", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(sessions, _lab.Smtp.SessionCount);
    }

    [Fact]
    public async Task AllMx_Json_TheDocumentCarriesTheMatrixAndScope()
    {
        var run = await Tool.RunAsync(_lab.Args("every.test", more: ["--all-mx", "--no-posture", "--json"]));

        Assert.True(run.ExitCode == ExitCodes.Unreachable, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("all", root.GetProperty("request").GetProperty("scope").GetString());
        var rows = root.GetProperty("matrix").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["accepted", "unreachable"], rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("fail", rows[1].GetProperty("stages")[0].GetProperty("status").GetString());
    }
}
