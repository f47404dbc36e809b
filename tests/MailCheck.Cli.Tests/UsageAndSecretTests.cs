using System.Diagnostics;
using System.Text;
using MailCheck.Cli.Tests.Infrastructure;

namespace MailCheck.Cli.Tests;

/// <summary>Usage errors (exit 64, naming the flag, nothing sent), the password (never echoed or printed), colours, Ctrl-C.</summary>
public sealed class UsageAndSecretTests : IClassFixture<MailLabFixture>
{
    private readonly MailLab _lab;

    public UsageAndSecretTests(MailLabFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _lab = fixture.Lab;
    }

    [Theory]
    [InlineData("--port", "--port", "abc")]
    [InlineData("--mode", "--mode", "blast")]
    [InlineData("--tls", "--tls", "sometimes")]
    [InlineData("--dns", "--dns", "dns.example")]
    [InlineData("--allow-network", "--allow-network", "10.0.0.1/8")]
    [InlineData("--timeout", "--timeout", "soon")]
    [InlineData("--from", "--from", "a@b.c>\r\nRCPT TO:<x@y.z>")]
    [InlineData("--to (2nd)", "--to", "ok@example.test,not an address")]
    [InlineData("--server", "--server", "ftp://mailcheck.example")]
    [InlineData("--frm", "--frm", "x")]
    [InlineData("--dkim-selector (1st)", "--dkim-selector", "bad selector!")]
    public async Task Run_BadFlag_Exit64NamingTheFlagAndNothingSent(string named, string flag, string value)
    {
        var sessions = _lab.Smtp.SessionCount;

        var run = await Tool.RunAsync([.. _lab.Args("example.test"), flag, value]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("mailcheck --help", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        Assert.Equal(sessions, _lab.Smtp.SessionCount);
    }

    [Fact]
    public async Task Run_NoTarget_Exit64()
    {
        var run = await Tool.RunAsync([]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("give a domain or an address", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DnsWithServer_Exit64NamingBoth()
    {
        var run = await Tool.RunAsync(["example.test", "--server", "http://127.0.0.1:9", "--dns", "127.0.0.1:53"]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("--dns cannot be used with --server", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingBodyFile_Exit66()
    {
        var run = await Tool.RunAsync(_lab.Args("example.test", more: ["--body-file", "/nonexistent/body.txt"]));

        Assert.True(run.ExitCode == ExitCodes.NoInput, run.ToString());
        Assert.Contains("--body-file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_AuthWithPasswordFromEnvironment_AuthenticatesAndNeverPrintsIt()
    {
        var env = new Dictionary<string, string?> { ["MAILCHECK_PASSWORD"] = MailLab.Password };

        var run = await Tool.RunAsync(_lab.Args("auth@example.test", more: ["--auth-user", MailLab.User]), env);
        var json = await Tool.RunAsync(_lab.Args("auth@example.test", more: ["--auth-user", MailLab.User, "--json"]), env);

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        Assert.True(json.ExitCode == ExitCodes.Accepted, json.ToString());
        var message = await _lab.Smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10), m => m.To.Contains("auth@example.test"));
        Assert.Equal(MailLab.User, message.AuthenticatedUser);
        Assert.Contains(" ~> AUTH PLAIN ********", run.Stdout, StringComparison.Ordinal);
        foreach (var text in new[] { run.Stdout, run.Stderr, json.Stdout, json.Stderr })
        {
            Assert.DoesNotContain(MailLab.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{MailLab.User}\0{MailLab.Password}")), text, StringComparison.Ordinal);
        }

        Assert.Contains("\"auth\":{\"username\":\"alice\"}", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_AuthWithoutPasswordOrTerminal_Exit64NamingTheVariable()
    {
        var run = await Tool.RunAsync(_lab.Args("example.test", more: ["--auth-user", MailLab.User]));

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("MAILCHECK_PASSWORD", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_PasswordTypedAtTheTerminalPrompt_NotEchoedAndAuthenticates()
    {
        // script(1) gives the tool a terminal; the password is typed only once the prompt is shown.
        var command = Terminal.Command(_lab.Args("typed@example.test", more: ["--auth-user", MailLab.User]));
        using var process = Terminal.Start(command);
        var screen = new StringBuilder();
        var reader = Terminal.Pump(process, screen);
        await Terminal.WaitForAsync(screen, "Password for alice: ");
        await process.StandardInput.WriteAsync(MailLab.Password + "\r");
        await process.StandardInput.FlushAsync();
        var run = await Tool.FinishAsync(process, reader.ContinueWith(_ => screen.ToString(), TaskScheduler.Default), process.StandardError.ReadToEndAsync());

        Assert.True(run.ExitCode == ExitCodes.Accepted, run.ToString());
        Assert.DoesNotContain(MailLab.Password, run.Stdout, StringComparison.Ordinal);
        var message = await _lab.Smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10), m => m.To.Contains("typed@example.test"));
        Assert.Equal(MailLab.User, message.AuthenticatedUser);
    }

    [Fact]
    public async Task Probe_OnATerminal_ColoursUnlessNoColor()
    {
        var coloured = await Terminal.RunAsync(_lab.Args("example.test", more: ["--mode", "probe"]));
        var plain = await Terminal.RunAsync(_lab.Args("example.test", more: ["--mode", "probe"]), noColor: true);

        Assert.True(coloured.ExitCode == ExitCodes.Accepted, coloured.ToString());
        Assert.Contains("\u001b[1;32m", coloured.Stdout, StringComparison.Ordinal);
        Assert.True(plain.ExitCode == ExitCodes.Accepted, plain.ToString());
        // .NET's console sets the terminal's keypad mode (ESC [?1h); colours are SGR sequences (ESC [ ... m).
        Assert.DoesNotMatch(@"\u001b\[[0-9;]*m", plain.Stdout);
        Assert.Contains("Result: accepted", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_CtrlCWhileTheServerStalls_QuitSentCancelledExit130()
    {
        var server = _lab.Scripted("stall.test", new MailCheck.Testing.Scripted.SmtpDialogue
        {
            OnCommand = l => l.StartsWith("RCPT", StringComparison.Ordinal) ? MailCheck.Testing.Scripted.SmtpDialogue.Silence : null,
        });
        using var process = Tool.Start(_lab.Args("stall.test", server.EndPoint.Port));
        var stdout = new StringBuilder();
        var pump = Terminal.PumpLines(process.StandardOutput, stdout);
        await Terminal.WaitForAsync(stdout, "RCPT TO:<postmaster@stall.test>");

        Tool.Interrupt(process);
        var run = await Tool.FinishAsync(process, pump.ContinueWith(_ => stdout.ToString(), TaskScheduler.Default), process.StandardError.ReadToEndAsync());

        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.ToString());
        Assert.Contains("Result: cancelled: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(" -> QUIT", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("QUIT", server.Connections[0].Received);
    }
}
