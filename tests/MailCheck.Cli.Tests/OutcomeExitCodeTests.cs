using System.Globalization;
using MailCheck.Cli.Tests.Infrastructure;
using MailCheck.Testing;
using MailCheck.Testing.Scripted;

namespace MailCheck.Cli.Tests;

/// <summary>The built tool against in-process servers: one exit status per outcome, the transcript, the outcome line last.</summary>
public sealed class OutcomeExitCodeTests : IClassFixture<MailLabFixture>
{
    private readonly MailLab _lab;

    public OutcomeExitCodeTests(MailLabFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _lab = fixture.Lab;
    }

    [Fact]
    public async Task Send_AcceptedMessage_Exit0TranscriptAndOutcomeLast()
    {
        var run = await Tool.RunAsync(_lab.Args("someone@example.test", more: ["--from", "me@mine.test", "--subject", "From the CLI", "--body", "Hello from mailcheck"]));

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        var message = await _lab.Smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10), m => m.To.Contains("someone@example.test"));
        Assert.Equal("From the CLI", message.ToMimeMessage().Subject);
        Assert.Contains("Hello from mailcheck", message.ToMimeMessage().TextBody, StringComparison.Ordinal);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("mailcheck: example.test (send, port ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(" -> EHLO ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" ~> MAIL FROM:<me@mine.test>", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("<~  250 ", StringComparison.Ordinal) && l.EndsWith(" ms)", StringComparison.Ordinal));
        Assert.Matches(@"^ +\d+\.\d{3} === Result: accepted: Accepted by mx1\.example\.test", lines[^1]);
        Assert.DoesNotContain("\u001b[", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Probe_WithPosture_ScorecardByAreaBeforeTheOutcome()
    {
        var run = await Tool.RunAsync(_lab.Args("someone@example.test", more: ["--mode", "probe"]));

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        var scorecard = Array.FindIndex(lines, l => l.Contains("=== Scorecard: ", StringComparison.Ordinal));
        Assert.True(scorecard > 0, run.Stdout);
        Assert.Contains(lines.Skip(scorecard), l => l.Trim() == "Identity");
        Assert.Contains(lines.Skip(scorecard), l => l.Contains("RFC 8601 §3", StringComparison.Ordinal));
        Assert.Contains("=== Result: accepted", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_NoPosture_NoScorecard()
    {
        var run = await Tool.RunAsync(_lab.Args("someone@example.test", more: ["--mode", "probe", "--no-posture"]));

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        Assert.DoesNotContain("Scorecard", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("in-addr.arpa", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown@example.test", ExitCodes.Rejected, "rejected", "Rejected at RCPT TO by mx1.example.test: 550 5.1.1")]
    [InlineData("greylist@example.test", ExitCodes.Deferred, "deferred", "Deferred at RCPT TO by mx1.example.test: 450 4.2.0")]
    public async Task Probe_RefusedRecipient_ExitCodeOfTheOutcome(string recipient, int code, string outcome, string summary)
    {
        var run = await Tool.RunAsync(_lab.Args(recipient, more: ["--mode", "probe"]));

        Assert.True(run.ExitCode == code, run.ToString());
        Assert.Contains($"=== Result: {outcome}: {summary}", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nullmx.test", ExitCodes.NoMailService, "noMailService")]
    [InlineData("nothing-here.test", ExitCodes.NoMailService, "noMailService")]
    [InlineData("broken.test", ExitCodes.DnsError, "dnsError")]
    [InlineData("dead.test", ExitCodes.Unreachable, "unreachable")]
    public async Task Probe_DomainWithoutAWorkingServer_ExitCodeOfTheOutcome(string domain, int code, string outcome)
    {
        var run = await Tool.RunAsync(_lab.Args(domain, FreePort.Tcp(System.Net.IPAddress.Parse("127.0.0.9")), "--mode", "probe"));

        Assert.True(run.ExitCode == code, run.ToString());
        Assert.Contains($"Result: {outcome}: ", run.Stdout.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_LoopbackWithoutAllowNetwork_BlockedByTheSafetyPolicy()
    {
        var port = _lab.Port.ToString(CultureInfo.InvariantCulture);

        var run = await Tool.RunAsync(["example.test", "--mode", "probe", "--dns", _lab.Dns.Endpoint, "--allow-port", port, "--port", port]);

        Assert.True(run.ExitCode == ExitCodes.Blocked, run.ToString());
        Assert.Contains("*** blocked: 127.0.0.2 port", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("loopback", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TlsRequiredButNotOffered_TlsFailed()
    {
        var server = _lab.Scripted("plain.test", new SmtpDialogue());

        var run = await Tool.RunAsync(_lab.Args("plain.test", server.EndPoint.Port, "--mode", "connect", "--tls", "required"));

        Assert.True(run.ExitCode == ExitCodes.TlsFailed, run.ToString());
    }

    [Fact]
    public async Task Send_MalformedReply_ProtocolError()
    {
        var server = _lab.Scripted("garbled.test", new SmtpDialogue { OnCommand = l => l.StartsWith("MAIL", StringComparison.Ordinal) ? "2x0 what" : null });

        var run = await Tool.RunAsync(_lab.Args("garbled.test", server.EndPoint.Port));

        Assert.True(run.ExitCode == ExitCodes.ProtocolError, run.ToString());
        Assert.Contains("***", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ConnectionLostAtData_DeferredPerRfc5321()
    {
        var server = _lab.Scripted("dropdata.test", new SmtpDialogue { OnCommand = l => l == "DATA" ? SmtpDialogue.Drop : null });

        var run = await Tool.RunAsync(_lab.Args("dropdata.test", server.EndPoint.Port));

        Assert.True(run.ExitCode == ExitCodes.Deferred, run.ToString());
        Assert.Contains("RFC 5321 §3.8", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ConnectionLostAfterTheFinalDot_Indeterminate()
    {
        var server = _lab.Scripted("dropdot.test", new SmtpDialogue { OnCommand = l => l == "." ? SmtpDialogue.Drop : null });

        var run = await Tool.RunAsync(_lab.Args("dropdot.test", server.EndPoint.Port));

        Assert.True(run.ExitCode == ExitCodes.Indeterminate, run.ToString());
    }

    [Fact]
    public async Task Probe_SilentServerWithShortTimeout_Timeout()
    {
        var server = _lab.Scripted("silent.test", new SmtpDialogue { OnCommand = l => l.StartsWith("EHLO", StringComparison.Ordinal) ? SmtpDialogue.Silence : null });

        var run = await Tool.RunAsync(_lab.Args("silent.test", server.EndPoint.Port, "--mode", "probe", "--timeout", "2s"));

        Assert.True(run.ExitCode == ExitCodes.Timeout, run.ToString());
    }

    [Fact]
    public async Task Probe_Quiet_OnlyTheOutcomeLine()
    {
        var run = await Tool.RunAsync(_lab.Args("example.test", more: ["--mode", "probe", "--quiet"]));

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        Assert.True(run.Stdout.StartsWith("accepted: Accepted at RCPT TO by mx1.example.test: 1 of 1 recipients (250 ", StringComparison.Ordinal), run.Stdout);
        Assert.EndsWith("; probe: nothing was sent\n", run.Stdout, StringComparison.Ordinal);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }
}
