using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using MailCheck.Core.Checks;
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

    [Fact]
    public void Render_ReceiveCheckCommandTimed_LabelSaysItIsTheSendersTime()
    {
        // In a receive check the remote sender's commands carry how long it took to send them; MailCheck's reply its own time.
        CheckEvent[] events = [Step(1, 100, 100, EventKind.Ehlo) with { Direction = EventDirection.Client, Text = "EHLO mx.example.org", Code = null }, Step(2, 101, 1, EventKind.Ehlo)];

        var cut = Render<TimingWaterfall>(p => p.Add(c => c.Events, events));

        var labels = cut.FindAll(".mc-step-label").Select(l => l.GetAttribute("title")).ToList();
        Assert.Equal(["EHLO (sender)", "EHLO"], labels);
    }
}
