using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Scripted;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Checks;

/// <summary>The MX transcript line and the summary read as one sentence each, whatever the resolver's reason says.</summary>
public sealed class MxTextTests : IAsyncLifetime
{
    private readonly InProcessDnsServer _dns = InProcessDnsServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dns.DisposeAsync();

    [Theory]
    [InlineData("nothing-here.test", "nothing-here.test does not exist (NXDOMAIN), so it cannot receive mail.")]
    [InlineData("bare.test", "bare.test has no MX record and no A or AAAA address, so it cannot receive mail.")]
    public async Task RunAsync_NoMailService_MxLineAndSummaryEndWithOneFullStop(string domain, string reason)
    {
        _dns.AddTxt("bare.test", "v=spf1 -all");

        var events = await RunAsync(domain);

        var mx = Assert.Single(events, e => e.Kind == EventKind.Mx);
        Assert.Equal($"No mail service: {reason}", mx.Text);
        var result = EventAssert.Outcome(events, CheckOutcome.NoMailService);
        Assert.Equal($"No mail service for {domain}: {reason.TrimEnd('.')}", result.Summary);
        Assert.All(events, e => Assert.DoesNotContain("..", e.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ServFail_MxLineEndsWithOneFullStop()
    {
        _dns.ServFail("broken.test");

        var events = await RunAsync("broken.test");

        var mx = Assert.Single(events, e => e.Kind == EventKind.Mx);
        Assert.StartsWith("MX lookup for broken.test failed: ", mx.Text, StringComparison.Ordinal);
        Assert.EndsWith(".", mx.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("..", mx.Text, StringComparison.Ordinal);
        EventAssert.Outcome(events, CheckOutcome.DnsError);
    }

    [Theory]
    [InlineData("it cannot receive mail.", "it cannot receive mail.")]
    [InlineData("it cannot receive mail", "it cannot receive mail.")]
    [InlineData("it cannot receive mail.. ", "it cannot receive mail.")]
    [InlineData("are you sure?", "are you sure?")]
    public void FullStop_AnyEnding_ExactlyOneFinalMark(string text, string expected)
    {
        Assert.Equal(expected, OutcomeText.FullStop(text));
    }

    private async Task<List<CheckEvent>> RunAsync(string domain)
    {
        var dnsOptions = Options.Create(new DnsOptions { Servers = [_dns.Endpoint], Timeout = TimeSpan.FromSeconds(2), Retries = 0 });
        var smtp = Options.Create(new SmtpOptions());
        var engine = new CheckEngine(
            [new MxStage(), new SmtpStage(new ScriptedConnector(), AllowAllTargetPolicy.Instance, new RemoteAddressLimiter(2), smtp, TimeProvider.System, NullLogger<SmtpStage>.Instance)],
            new DnsClientQuerier(dnsOptions, TimeProvider.System),
            smtp,
            dnsOptions,
            Options.Create(new PostureOptions()),
            TimeProvider.System,
            NullLogger<CheckEngine>.Instance);
        var events = new List<CheckEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var e in engine.RunAsync("mxtext0000000000000000", EngineHarness.Request() with { Domain = domain, Recipients = [$"postmaster@{domain}"] }, timeout.Token))
        {
            events.Add(e);
        }

        return events;
    }
}
