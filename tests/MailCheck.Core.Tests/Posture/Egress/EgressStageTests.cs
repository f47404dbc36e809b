using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Egress;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Posture.Egress;

public class EgressStageTests
{
    private static EgressStage Stage(string? egress = null) =>
        new(Options.Create(new SmtpOptions { EgressAddress = egress }), new SpfEvaluator());

    private static CheckRequest Request(CheckMode mode = CheckMode.Probe) => EngineHarness.Request(mode) with
    {
        From = "test@sender.test",
        EhloName = "mail.sender.test",
    };

    /// <summary>sender.test: MailCheck at 192.0.2.5 with forward-confirmed reverse DNS, EHLO mail.sender.test.</summary>
    private static EngineHarness Lab(string spf, string? dmarc = "v=DMARC1; p=reject")
    {
        var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Dns.AddPtr("5.2.0.192.in-addr.arpa", "mail.sender.test")
            .AddAddress("mail.sender.test", "192.0.2.5")
            .AddTxt("sender.test", spf)
            .AddTxt("mail.sender.test", "v=spf1 a -all");
        if (dmarc is not null)
        {
            h.Dns.AddTxt("_dmarc.sender.test", dmarc);
        }

        h.ExtraStages.Add(Stage("192.0.2.5"));
        return h;
    }

    private static ScorecardItem Item(IReadOnlyList<CheckEvent> events) =>
        Assert.Single(Assert.IsType<EgressDetail>(Assert.Single(events, e => e.Kind == EventKind.Egress).Detail).Items);

    [Fact]
    public async Task RunAsync_EverythingAligned_PassAndDmarcPassOnSpf()
    {
        await using var h = Lab("v=spf1 ip4:192.0.2.5 -all");

        var events = await h.RunAsync(Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var item = Item(events);
        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains(item.Findings, f => f.Text.Contains("passes DMARC at sender.test", StringComparison.Ordinal));
        Assert.Contains(item.Findings, f => f.Text.Contains("192.0.2.5 → mail.sender.test → 192.0.2.5", StringComparison.Ordinal));
        Assert.Contains(item.Findings, f => f.Text.Contains("SPF of the EHLO name mail.sender.test passes", StringComparison.Ordinal));
        Assert.Contains("does not sign", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SpfFailsUnderReject_FailSayingTheTestMessageWillFailDmarc()
    {
        await using var h = Lab("v=spf1 ip4:198.51.100.1 -all");

        var events = await h.RunAsync(Request(CheckMode.Send));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var item = Item(events);
        Assert.Equal(ScoreStatus.Fail, item.Status);
        var dmarc = Assert.Single(item.Findings, f => f.Text.StartsWith("Your test message will fail DMARC at sender.test", StringComparison.Ordinal));
        Assert.Contains("p=reject", dmarc.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 9989", dmarc.Text, StringComparison.Ordinal);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Fail && f.Text.Contains("RFC 7208 §2.6.4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EchoedAddressInEhloReply_UsedAsEgress()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Serve("127.0.0.2", new SmtpDialogue { HostName = "mx1.example.com at your service, [81.2.69.160]" });
        h.ExtraStages.Add(Stage());

        var events = await h.RunAsync(Request());

        var detail = Assert.IsType<EgressDetail>(Assert.Single(events, e => e.Kind == EventKind.Egress).Detail);
        Assert.Equal("81.2.69.160", detail.Address);
        Assert.Equal("echoed", detail.Source); // documentation ranges (RFC 5737) would be ignored as special: a public-looking address, only ever in memory
        Assert.Contains(detail.Items[0].Findings, f => f.Text.Contains("has no PTR record", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DefaultReservedNames_WarnToConfigureRealOnes()
    {
        await using var h = Lab("v=spf1 -all");

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe) with { From = "mailcheck@mailcheck.localhost", EhloName = "mailcheck.localhost" });

        var item = Item(events);
        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains(item.Findings, f => f.Text.Contains("reserved .localhost name (RFC 6761 §6.3)", StringComparison.Ordinal) && f.Fix!.Contains("DefaultFrom", StringComparison.Ordinal));
        Assert.Contains(item.Findings, f => f.Fix?.Contains("MailCheck:Smtp:EhloName", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(h.Dns.Queries, q => q.Name.EndsWith("localhost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EveryAttemptTimedOut_SaysPort25MayBeBlocked()
    {
        await using var h = new EngineHarness();
        h.Options.ConnectTimeout = TimeSpan.FromMilliseconds(100);
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        h.Connector.Hang(IPAddress.Parse("127.0.0.2"));
        h.ExtraStages.Add(Stage());

        var events = await h.RunAsync(Request());

        EventAssert.Outcome(events, CheckOutcome.Unreachable);
        var item = Item(events);
        Assert.Contains(item.Findings, f => f.Status == ScoreStatus.Warn && f.Text.Contains("outbound port 25 may be blocked", StringComparison.Ordinal));
    }
}
