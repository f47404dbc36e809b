using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Blocklists;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests.Posture.Blocklists;

public class BlocklistStageTests
{
    private static BlocklistStage Stage(params string[] zones) => new(
        new DnsblClient(Options.Create(new DnsblOptions { Zones = zones }), TimeProvider.System),
        Options.Create(new SmtpOptions()));

    [Fact]
    public async Task RunAsync_NoZones_InfoItemAndNoQuery()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.ExtraStages.Add(Stage());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var detail = Assert.IsType<BlocklistDetail>(Assert.Single(events, e => e.Kind == EventKind.Blocklist).Detail);
        Assert.Equal(ScoreStatus.Info, Assert.Single(detail.Items).Status);
        Assert.DoesNotContain(h.Dns.Queries, q => q.Name.EndsWith(".bl.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_MxListed_FailForMailServersAndEgressChecked()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Dns.AddAddress("2.0.0.127.bl.test", "127.0.0.2").AddTxt("2.0.0.127.bl.test", "test listing");
        h.ExtraStages.Add(Stage("bl.test"));

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var detail = Assert.IsType<BlocklistDetail>(Assert.Single(events, e => e.Kind == EventKind.Blocklist).Detail);
        var servers = Assert.Single(detail.Items, i => i.Target == "mail servers");
        Assert.Equal(ScoreStatus.Fail, servers.Status);
        Assert.Contains("test listing", servers.Detail, StringComparison.Ordinal);
        Assert.Contains("RFC 5782", servers.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OneLookupRefusedOneClean_TitleSaysNotEverythingWasTested()
    {
        DnsblAnswer[] answers =
        [
            new("bl.test", "192.0.2.1", DnsblVerdict.Error, ["127.255.255.254"], "the list refused this resolver"),
            new("bl.test", "192.0.2.2", DnsblVerdict.NotListed, [], null),
        ];

        var item = BlocklistStage.Judge("mail servers", answers, a => a.Address, zoneCount: 1);

        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Equal("Blocklists: mail servers not listed where a list answered; 1 of 2 lookups could not be tested", item.Title);
    }
}
