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
}
