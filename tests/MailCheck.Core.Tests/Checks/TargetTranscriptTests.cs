using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Tests.Matrix;

namespace MailCheck.Core.Tests.Checks;

/// <summary>Events told apart by their target: what the stages after the session read when connections ran in parallel.</summary>
public class TargetTranscriptTests
{
    private static readonly EventTarget One = new(1, "mx1.example.com", "192.0.2.1", 25);
    private static readonly EventTarget Two = new(2, "mx2.example.com", "192.0.2.2", 25);

    [Fact]
    public void Connections_InterleavedParallelAttempts_EachKeepsItsOwnBannerEhloAndTls()
    {
        var script = new EventScript()
            .Connected(One)
            .Connected(Two)
            .Reply(Two, EventKind.Banner, 220, "220 mx2.example.com ESMTP two")
            .Reply(One, EventKind.Banner, 220, "220 mx1.example.com ESMTP one")
            .Ehlo(One, "mx1.example.com [203.0.113.9]", 100, true)
            .Ehlo(Two, "mx2.example.com", 200, false)
            .Tls(One, EventScript.ValidTls("mx1.example.com"));

        var connections = SessionFacts.Connections(script.Events);

        Assert.Equal(["mx1.example.com", "mx2.example.com"], connections.Select(c => c.Host));
        Assert.Equal("mx1.example.com", connections[0].BannerName);
        Assert.Equal("mx2.example.com", connections[1].BannerName);
        Assert.Equal(100, Assert.IsType<CapabilitiesDetail>(connections[0].Ehlo!.Detail).Size);
        Assert.Equal(200, Assert.IsType<CapabilitiesDetail>(connections[1].Ehlo!.Detail).Size);
        Assert.NotNull(connections[0].Tls);
        Assert.Null(connections[1].Tls);
    }

    [Fact]
    public void Connections_SameTargetConnectedTwice_TwoConnections()
    {
        var script = new EventScript()
            .Connected(One).Reply(One, EventKind.Banner, 220, "220 first")
            .Connected(One).Reply(One, EventKind.Banner, 220, "220 second");

        var connections = SessionFacts.Connections(script.Events);

        Assert.Equal(["220 first", "220 second"], connections.Select(c => c.Banner!.Text));
    }

    [Fact]
    public void Of_EventsWithoutTargets_InferredFromEachConnectEvent()
    {
        var script = new EventScript()
            .Add(EventKind.Connect, EventDirection.Info, "failed", detail: new ConnectionDetail("mx1.example.com", "192.0.2.1", 25, Connected: false, "refused"), host: "mx1.example.com")
            .Add(EventKind.Connect, EventDirection.Info, "ok", detail: new ConnectionDetail("mx2.example.com", "192.0.2.2", 25, Connected: true), host: "mx2.example.com")
            .Add(EventKind.Banner, EventDirection.Server, "220 mx2", code: 220, host: "mx2.example.com");

        var transcripts = TargetTranscript.Of(script.Events);

        Assert.Equal([(1, "192.0.2.1", 1), (2, "192.0.2.2", 2)], transcripts.Select(t => (t.Target.Index, t.Target.Address, t.Events.Count)));
    }

    [Fact]
    public void Json_EventWithTarget_RoundTripsAndOneStoredWithoutTargetStillReads()
    {
        var e = new EventScript().Reply(One, EventKind.Banner, 220, "220 mx1").Events[0];

        var json = JsonSerializer.Serialize(e, CheckJson.Options);
        var back = JsonSerializer.Deserialize<CheckEvent>(json, CheckJson.Options)!;
        var legacy = JsonSerializer.Deserialize<CheckEvent>(
            """{"seq":4,"at":"2026-11-28T12:00:00.031+00:00","elapsed":"00:00:00.031","direction":"server","kind":"banner","text":"220 mx1","code":220,"host":"mx1.example.com"}""",
            CheckJson.Options)!;

        Assert.Contains("\"target\":{\"index\":1,\"host\":\"mx1.example.com\",\"address\":\"192.0.2.1\",\"port\":25", json, StringComparison.Ordinal);
        Assert.Equal(One, back.Target);
        Assert.Null(legacy.Target);
        Assert.Equal("mx1.example.com", legacy.Host);
    }

    [Fact]
    public void Json_TargetDetails_RoundTrip()
    {
        CheckEventDetail[] details =
        [
            new TargetPlanDetail([One, Two], 4),
            new TargetOutcomeDetail(new CheckResult { Outcome = CheckOutcome.Unreachable, Summary = "no" }) { NotTested = "no route" },
        ];

        foreach (var detail in details)
        {
            var back = JsonSerializer.Deserialize<CheckEventDetail>(JsonSerializer.Serialize(detail, CheckJson.Options), CheckJson.Options);
            Assert.Equal(JsonSerializer.Serialize(detail, CheckJson.Options), JsonSerializer.Serialize(back, CheckJson.Options));
        }
    }

    [Fact]
    public void UsedHost_EveryMxCheck_NoSingleHostIsUsed()
    {
        var script = new EventScript().Plan(One, Two).Connected(One).Outcome(CheckOutcome.Unreachable, "1 of 2", "mx2.example.com", "192.0.2.2");

        Assert.Null(CheckEvents.UsedHost(script.Events));
        Assert.True(CheckEvents.IsEveryMx(script.Events));
    }
}
