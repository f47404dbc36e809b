using System.Net;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

/// <summary>A domain's DNS cannot make one check knock on an unbounded number of hosts.</summary>
public class CheckEngineAttemptLimitTests
{
    [Fact]
    public async Task RunAsync_ManyMxHostsAllRefusing_StopsAfterTheAttemptLimit()
    {
        await using var h = new EngineHarness();
        var hosts = Enumerable.Range(1, 30).Select(i => ($"mx{i}.example.com", 10, new[] { $"127.0.1.{i}" })).ToArray();
        h.Resolver.Add("example.com", hosts);
        foreach (var (_, _, addresses) in hosts)
        {
            h.Connector.Refuse(IPAddress.Parse(addresses[0]));
        }

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Unreachable);
        Assert.Equal(CheckEngine.MaxConnectionAttempts, h.Connector.Attempts.Count);
        Assert.Equal(
            Enumerable.Range(1, CheckEngine.MaxConnectionAttempts).Select(i => $"127.0.1.{i}"),
            h.Connector.Attempts.Select(a => a.Address.ToString()));
        Assert.Contains(events, e => e.Text.Contains($"at most {CheckEngine.MaxConnectionAttempts} connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AnswerWithinTheLimit_IsStillReached()
    {
        await using var h = new EngineHarness();
        var refused = Enumerable.Range(1, CheckEngine.MaxConnectionAttempts - 1).Select(i => ($"mx{i}.example.com", 10, new[] { $"127.0.1.{i}" }));
        h.Resolver.Add("example.com", [.. refused, ("last.example.com", 20, ["127.0.2.1"])]);
        foreach (var i in Enumerable.Range(1, CheckEngine.MaxConnectionAttempts - 1))
        {
            h.Connector.Refuse(IPAddress.Parse($"127.0.1.{i}"));
        }

        h.Serve("127.0.2.1", new MailCheck.Testing.Scripted.SmtpDialogue());

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal("127.0.2.1", result.Address);
    }
}
