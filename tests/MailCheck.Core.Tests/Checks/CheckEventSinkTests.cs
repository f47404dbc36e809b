using System.Threading.Channels;
using MailCheck.Core.Checks;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Core.Tests.Checks;

public class CheckEventSinkTests
{
    [Fact]
    public void Emit_Events_NumberedFromOneWithElapsedFromTheTimeProvider()
    {
        var channel = Channel.CreateUnbounded<CheckEvent>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sink = new CheckEventSink(channel.Writer, time);

        sink.Info(EventKind.Dns, "one");
        time.Advance(TimeSpan.FromMilliseconds(250));
        var second = sink.Info(EventKind.Mx, "two");

        Assert.Equal(2, second.Seq);
        Assert.Equal(TimeSpan.FromMilliseconds(250), second.Elapsed);
        Assert.Equal(time.GetUtcNow(), second.At);
        Assert.True(channel.Reader.TryRead(out var first));
        Assert.Equal(1, first.Seq);
    }

    [Fact]
    public void Emit_RegisteredSecret_ReplacedInTextAndExplanation()
    {
        var channel = Channel.CreateUnbounded<CheckEvent>();
        var sink = new CheckEventSink(channel.Writer, TimeProvider.System);
        sink.AddSecret("hunter2hunter2");

        var e = sink.Info(EventKind.Auth, "535 bad password hunter2hunter2", explanation: "was hunter2hunter2");

        Assert.Equal("535 bad password ********", e.Text);
        Assert.Equal("was ********", e.Explanation);
    }
}
