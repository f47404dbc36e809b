using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Checks;

/// <summary>A domain's DNS cannot make one check knock on an unbounded number of hosts.</summary>
public class CheckEngineAttemptLimitTests
{
    [Fact]
    public async Task RunAsync_ManyMxHostsAllRefusing_StopsAfterTheAttemptLimit()
    {
        await using var h = new EngineHarness();
        // Three addresses per host: the ten hosts MailCheck resolves hold thirty addresses, more than it may try.
        var hosts = Enumerable.Range(1, 30).Select(i => ($"mx{i}.example.com", 10, new[] { $"127.0.{i}.1", $"127.0.{i}.2", $"127.0.{i}.3" })).ToArray();
        h.Dns.Add("example.com", hosts);
        foreach (var address in hosts.SelectMany(x => x.Item3))
        {
            h.Connector.Refuse(IPAddress.Parse(address));
        }

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Unreachable);
        Assert.Equal(SmtpStage.MaxConnectionAttempts, h.Connector.Attempts.Count);
        Assert.Equal(
            hosts.SelectMany(x => x.Item3).Take(SmtpStage.MaxConnectionAttempts),
            h.Connector.Attempts.Select(a => a.Address.ToString()));
        Assert.Contains(events, e => e.Text.Contains($"at most {SmtpStage.MaxConnectionAttempts} connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AnswerWithinTheLimit_IsStillReached()
    {
        await using var h = new EngineHarness();
        var refused = Enumerable.Range(1, SmtpStage.MaxConnectionAttempts - 1).Select(i => ($"mx{i}.example.com", 10, new[] { $"127.0.1.{i}" }));
        h.Dns.Add("example.com", [.. refused, ("last.example.com", 20, ["127.0.2.1"])]);
        foreach (var i in Enumerable.Range(1, SmtpStage.MaxConnectionAttempts - 1))
        {
            h.Connector.Refuse(IPAddress.Parse($"127.0.1.{i}"));
        }

        h.Serve("127.0.2.1", new MailCheck.Testing.Scripted.SmtpDialogue());

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal("127.0.2.1", result.Address);
    }
}
