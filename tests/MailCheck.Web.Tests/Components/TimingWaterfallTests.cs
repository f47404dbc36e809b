using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Web.Components.Transcript;

namespace MailCheck.Web.Tests.Components;

public sealed partial class TimingWaterfallTests : ComponentTestContext
{
    private static CheckEvent Step(int seq, int elapsedMs, int durationMs, EventKind kind) => new()
    {
        Seq = seq,
        At = DateTimeOffset.UnixEpoch.AddMilliseconds(elapsedMs),
        Elapsed = TimeSpan.FromMilliseconds(elapsedMs),
        Duration = TimeSpan.FromMilliseconds(durationMs),
        Direction = EventDirection.Server,
        Kind = kind,
        Text = "250 Ok",
        Code = 250,
    };

    [GeneratedRegex(@"left:(?<left>[0-9.]+)%;width:(?<width>[0-9.]+)%")]
    private static partial Regex BarStyle();

    [Fact]
    public void Render_ShortStepAtTheVeryEnd_EveryBarStaysVisibleInsideTheTrack()
    {
        CheckEvent[] events = [Step(1, 400, 400, EventKind.Banner), Step(2, 999, 500, EventKind.Ehlo), Step(3, 1000, 1, EventKind.Quit)];

        var cut = Render<TimingWaterfall>(p => p.Add(c => c.Events, events));

        var bars = cut.FindAll(".mc-bar");
        Assert.Equal(3, bars.Count);
        foreach (var bar in bars)
        {
            var match = BarStyle().Match(bar.GetAttribute("style") ?? "");
            Assert.True(match.Success, bar.OuterHtml);
            var left = double.Parse(match.Groups["left"].Value, CultureInfo.InvariantCulture);
            var width = double.Parse(match.Groups["width"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(width, 0.6, 100);
            Assert.InRange(left + width, 0, 100.001);
        }

        Assert.Equal("left:0%;width:40%", bars[0].GetAttribute("style"));
    }

    private static CheckEvent Lookup(int seq, int elapsedMs, int durationMs, string name, string? purpose) => new()
    {
        Seq = seq,
        At = DateTimeOffset.UnixEpoch.AddMilliseconds(elapsedMs),
        Elapsed = TimeSpan.FromMilliseconds(elapsedMs),
        Duration = TimeSpan.FromMilliseconds(durationMs),
        Direction = EventDirection.Info,
        Kind = EventKind.Dns,
        Text = name + " TXT: (none)",
        Detail = new DnsQueryDetail(name, DnsRecordType.TXT, DnsResponseStatus.NoError, [], [], false, purpose, "127.0.0.1"),
    };

    [Fact]
    public void Render_PostureLookups_OneBarPerPurposeSpanningItsQueriesAndTheDeliveryPathStepByStep()
    {
        CheckEvent[] events =
        [
            Lookup(1, 10, 10, "example.test", "mx"),
            Lookup(2, 30, 10, "example.test", "spf"),
            Lookup(3, 50, 5, "_dmarc.example.test", "dmarc"),
            Lookup(4, 70, 20, "_spf.example.test", "spf"),
            Lookup(5, 90, 5, "other.example.test", "spf"),
            Step(6, 100, 10, EventKind.Banner),
        ];

        var cut = Render<TimingWaterfall>(p => p.Add(c => c.Events, events));

        var labels = cut.FindAll(".mc-step-label").Select(l => l.GetAttribute("title")).ToList();
        Assert.Equal(["TXT example.test", "SPF lookups (3)", "DMARC lookup (1)", "greeting"], labels);
        var bars = cut.FindAll(".mc-bar");
        Assert.Equal(4, bars.Count);
        Assert.Equal("left:20%;width:70%", bars[1].GetAttribute("style")); // 20 ms (first SPF start) to 90 ms (last SPF end) of 100
    }

    [Fact]
    public void Render_Running_AxisEndsAtARoundTimeSoDrawnBarsStandStillAsEventsArrive_FinishedEndsAtTheLastEvent()
    {
        CheckEvent[] first = [Step(1, 40, 20, EventKind.Banner), Step(2, 60, 20, EventKind.Ehlo)];
        CheckEvent[] more = [.. first, Step(3, 90, 30, EventKind.Mail)];

        var cut = Render<TimingWaterfall>(p => p.Add(c => c.Events, first).Add(c => c.Running, true));
        var before = cut.FindAll(".mc-bar").Select(b => b.GetAttribute("style")).ToList();
        Assert.Equal("0|50 ms|100 ms", string.Join("|", cut.FindAll(".mc-axis-ticks span").Select(t => t.TextContent)));
        cut.Render(p => p.Add(c => c.Events, more).Add(c => c.Running, true));

        // 60 ms then 90 ms of a 100 ms axis: the first two bars did not move; the third was added.
        var after = cut.FindAll(".mc-bar").Select(b => b.GetAttribute("style")).ToList();
        Assert.Equal(["left:20%;width:20%", "left:40%;width:20%"], before);
        Assert.Equal([.. before, "left:60%;width:30%"], after);

        cut.Render(p => p.Add(c => c.Events, more).Add(c => c.Running, false));
        Assert.Equal("left:66.67%;width:33.33%", cut.FindAll(".mc-bar")[2].GetAttribute("style"));
        Assert.Equal("0|45 ms|90 ms", string.Join("|", cut.FindAll(".mc-axis-ticks span").Select(t => t.TextContent)));
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1, 2)]
    [InlineData(60, 100)]
    [InlineData(100, 200)]
    [InlineData(1999, 2000)]
    [InlineData(4200, 5000)]
    [InlineData(31_000, 50_000)]
    public void RoundUp_Time_FirstOneTwoFiveStepLater(double ms, double expected) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expected), TimingWaterfall.RoundUp(TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void Render_ReceiveCheckCommandTimed_LabelSaysItIsTheSendersTime()
    {
        // In a receive check the remote sender's commands carry how long it took to send them; MailCheck's reply its own time.
        CheckEvent[] events = [Step(1, 100, 100, EventKind.Ehlo) with { Direction = EventDirection.Client, Text = "EHLO mx.example.org", Code = null }, Step(2, 101, 1, EventKind.Ehlo)];

        var cut = Render<TimingWaterfall>(p => p.Add(c => c.Events, events));

        var labels = cut.FindAll(".mc-step-label").Select(l => l.GetAttribute("title")).ToList();
        Assert.Equal(["EHLO (sender)", "EHLO"], labels);
    }

    [Fact]
    public void Render_HostNameWithMarkup_IsTextNotMarkup_AndWrapsAfterItsDots()
    {
        // A row is finished HTML (one markup frame): what a server or a DNS answer names is encoded, never markup.
        CheckEvent[] events = [Step(1, 100, 100, EventKind.Connect) with { Host = "mx<b>1</b>.\"x\".example", Direction = EventDirection.Info, Code = null }];

        var cut = Render<TimingWaterfall>(p => p.Add(c => c.Events, events));

        var label = cut.Find(".mc-step-label");
        Assert.Equal("connect mx<b>1</b>.\"x\".example", label.GetAttribute("title"));
        Assert.Equal("connect mx<b>1</b>.\"x\".example", label.TextContent);
        Assert.Empty(label.QuerySelectorAll("b"));
        Assert.Equal(3, label.QuerySelectorAll("wbr").Length); // after "mx<b>1</b>." and "\"x\"." and at the end
        Assert.Equal("100 ms", cut.Find(".mc-step-ms").TextContent);
    }
}
