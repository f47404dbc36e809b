using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>The SPF stage inside a real engine run.</summary>
public class SpfStageTests
{
    [Fact]
    public void Stage_IsAPostureStageBeforeConnecting()
    {
        var stage = new SpfStage();

        Assert.Equal("spf", stage.Name);
        Assert.Equal(CheckPhase.BeforeConnect, stage.Phase);
        Assert.True(stage.IsPosture);
        Assert.Equal([ScorecardIds.Spf], stage.ScorecardIds);
        Assert.Equal(ScoreArea.Authentication, stage.Area);
    }

    [Fact]
    public void AddMailCheckCore_RegistersTheStageBeforeTheConversation()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddMailCheckCore();
        using var host = builder.Build();

        var engine = Assert.IsType<CheckEngine>(host.Services.GetRequiredService<ICheckEngine>());

        var names = engine.Stages.Select(s => s.Name).ToList();
        Assert.Single(engine.Stages, s => s is SpfStage);
        Assert.True(names.IndexOf("spf") < names.IndexOf("smtp"));
    }

    [Fact]
    public async Task RunAsync_InACheck_EmitsOneSpfEventAndTheScorecardItemWithoutChangingTheOutcome()
    {
        await using var plain = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        var without = EventAssert.Outcome(await plain.RunAsync(EngineHarness.Request()), CheckOutcome.Accepted);

        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Dns.AddTxt("example.com", "v=spf1 mx include:_spf.example.net -all").AddTxt("_spf.example.net", "v=spf1 ip4:198.51.100.0/24 -all");
        h.ExtraStages.Add(new SpfStage());

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(without, result);
        var spf = Assert.Single(events, e => e.Kind == EventKind.Spf);
        Assert.Equal("SPF for example.com: one valid record, 2 of 10 DNS lookups.", spf.Text);
        Assert.True(spf.Seq < events.First(e => e.Kind == EventKind.Connect).Seq);
        var detail = Assert.IsType<SpfDetail>(spf.Detail);
        Assert.Equal("example.com", detail.Domain);
        Assert.Equal("v=spf1 mx include:_spf.example.net -all", detail.Record);
        Assert.Equal(2, detail.DnsLookups);
        Assert.Equal(["mx", "include:_spf.example.net"], detail.Tree!.Children.Select(c => c.Term));
        var item = Assert.Single(detail.Items);
        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains(events, e => e.Kind == EventKind.Dns && e.Detail is DnsQueryDetail { Purpose: "spf" });
        var scorecard = Assert.IsType<ScorecardDetail>(Assert.Single(events, e => e.Kind == EventKind.Scorecard).Detail);
        Assert.Equal(item, Assert.Single(scorecard.Items, i => i.Id == ScorecardIds.Spf));
    }

    [Fact]
    public async Task RunAsync_ServFail_NotTestedAndTheCheckStillDelivers()
    {
        // The server is given as an address literal, so delivery needs no DNS; posture judges the recipients' domain.
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Dns.SetStatus("example.com", DnsResponseStatus.ServFail);
        h.ExtraStages.Add(new SpfStage());

        var events = await h.RunAsync(EngineHarness.Request() with { Domain = "[127.0.0.2]" });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var spf = Assert.Single(events, e => e.Kind == EventKind.Spf);
        Assert.Equal("SPF for example.com: could not test.", spf.Text);
        var item = Assert.Single(Assert.IsType<SpfDetail>(spf.Detail).Items);
        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Contains("SERVFAIL", item.Detail, StringComparison.Ordinal);
        Assert.Contains("never a fail", item.Findings[0].Text, StringComparison.Ordinal);
        var scorecard = Assert.IsType<ScorecardDetail>(Assert.Single(events, e => e.Kind == EventKind.Scorecard).Detail);
        Assert.Equal(ScoreStatus.NotTested, Assert.Single(scorecard.Items, i => i.Id == ScorecardIds.Spf).Status);
    }

    [Fact]
    public async Task RunAsync_ServFailOnTheTestedDomain_OutcomeIsDiscoverysNotPostures()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        await using var withSpf = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.Dns.SetStatus("example.com", DnsResponseStatus.ServFail);
        withSpf.Dns.SetStatus("example.com", DnsResponseStatus.ServFail);
        withSpf.ExtraStages.Add(new SpfStage());

        var plain = EventAssert.Outcome(await h.RunAsync(EngineHarness.Request()));
        var events = await withSpf.RunAsync(EngineHarness.Request());

        Assert.Equal(plain.Outcome, EventAssert.Outcome(events).Outcome);
        Assert.Equal(ScoreStatus.NotTested, Assert.Single(Assert.IsType<SpfDetail>(Assert.Single(events, e => e.Kind == EventKind.Spf).Detail).Items).Status);
    }

    [Fact]
    public async Task RunAsync_PostureOff_NoSpfEvent()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.ExtraStages.Add(new SpfStage());

        var events = await h.RunAsync(EngineHarness.Request() with { Posture = false });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Spf);
        Assert.DoesNotContain(h.Dns.Queries, q => q.Type == DnsRecordType.TXT);
    }

    [Fact]
    public async Task RunAsync_AddressLiteralWithoutRecipientDomain_InformationOnly()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out _);
        h.ExtraStages.Add(new SpfStage());

        var events = await h.RunAsync(EngineHarness.Request() with { Domain = "[127.0.0.2]", Recipients = ["user@[127.0.0.2]"] });

        var item = Assert.Single(Assert.IsType<SpfDetail>(Assert.Single(events, e => e.Kind == EventKind.Spf).Detail).Items);
        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Equal("SPF: no domain to judge", item.Title);
    }

    [Fact]
    public void SpfDetail_AsEventDetail_RoundTripsThroughJson()
    {
        var detail = new SpfDetail
        {
            Domain = "example.com",
            Record = "v=spf1 include:_spf.example.net -all",
            Records = ["v=spf1 include:_spf.example.net -all"],
            DnsLookups = 1,
            Tree = new SpfTreeNode
            {
                Kind = SpfNodeKind.Domain,
                Term = "example.com",
                Domain = "example.com",
                Lookups = 1,
                Children = [new SpfTreeNode { Kind = SpfNodeKind.Include, Term = "include:_spf.example.net", Domain = "example.com", Lookup = 1, Lookups = 1, State = SpfNodeState.NoRecord }],
            },
            Items = [new ScorecardItem { Id = ScorecardIds.Spf, Area = ScoreArea.Authentication, Status = ScoreStatus.Fail, Title = "SPF: x" }],
        };
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize<CheckEventDetail>(detail, options);
        var back = Assert.IsType<SpfDetail>(JsonSerializer.Deserialize<CheckEventDetail>(json, options));

        Assert.StartsWith("{\"type\":\"spf\"", json, StringComparison.Ordinal);
        Assert.Equal(SpfNodeState.NoRecord, back.Tree!.Children[0].State);
        Assert.Equal(detail.Records, back.Records);
        Assert.Equal(ScoreStatus.Fail, Assert.Single(back.Items).Status);
    }
}
