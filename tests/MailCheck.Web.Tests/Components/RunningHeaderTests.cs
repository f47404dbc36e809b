using MailCheck.Core.Documents;
using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Pages;
using MailCheck.Web.Components.Transcript;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Components;

/// <summary>The running header ticks from the server's clock and names what MailCheck is waiting for.</summary>
public sealed class RunningHeaderTests : ComponentTestContext
{
    private static readonly CheckRequest Request = new()
    {
        Domain = "example.com",
        From = "sender@example.org",
        Recipients = ["postmaster@example.com"],
    };

    /// <summary>DNS, MX, "Connected to mx1.example.com" (at 20 ms), banner, EHLO sent, ... outcome.</summary>
    private static readonly IReadOnlyList<CheckEvent> Script = ScriptedCheckEngine.Script(Request);

    /// <summary>When the scripted run began: its first event's time minus its elapsed time.</summary>
    private static readonly DateTimeOffset RunStart = Script[0].At - Script[0].Elapsed;

    private readonly string _id = CheckId.New();
    private readonly TimerCountingTimeProvider _time;

    public RunningHeaderTests()
    {
        // The clock stands where the third event (Connected) left it: the server has said nothing yet.
        _time = new TimerCountingTimeProvider(Script[2].At);
        Services.AddSingleton<TimeProvider>(_time);
    }

    private IRenderedComponent<CheckPage> RenderRunning(int storedEvents)
    {
        Store.Put(new StoredCheck
        {
            Id = _id,
            Domain = "example.com",
            Status = CheckStatus.Running,
            CreatedAt = RunStart.AddMilliseconds(-5),
            StartedAt = RunStart,
            Request = RedactedRequest.Of(Request),
            Events = Script.Take(storedEvents).ToList(),
        });
        return Render<CheckPage>(p => p.Add(c => c.Id, _id));
    }

    private static string Step(IRenderedComponent<CheckPage> cut) => cut.Find("#status-title + [data-step]").TextContent.Trim();

    private static string Elapsed(IRenderedComponent<CheckPage> cut) => cut.Find("[data-elapsed]").TextContent.Trim();

    /// <summary>A running check's view holding <paramref name="events"/> (the step texts without a page).</summary>
    private CheckView RunningView(IList<CheckEvent> events, CheckRequest? request = null)
    {
        var view = new CheckView(_id);
        view.Load(new StoredCheck
        {
            Id = _id,
            Domain = "example.com",
            Status = CheckStatus.Running,
            CreatedAt = RunStart,
            Request = RedactedRequest.Of(request ?? Request),
            Events = [.. events],
        });
        return view;
    }

    private void Publish(int fromSeq, int toSeq)
    {
        foreach (var e in Script.Where(e => e.Seq >= fromSeq && e.Seq <= toSeq))
        {
            Notifier.Publish(_id, new CheckUpdate(e.Kind == EventKind.Outcome ? CheckStatus.Finished : CheckStatus.Running, e));
        }
    }

    [Fact]
    public void Render_ConnectedServerSilent_NamesTheAwaitedGreetingAndTicksFromTheServerClock()
    {
        var cut = RenderRunning(3);
        Assert.Equal("Waiting for the greeting from mx1.example.com… (0 s)", Step(cut));
        Assert.Equal("0 s", Elapsed(cut));

        _time.Advance(TimeSpan.FromMilliseconds(4200));

        cut.WaitForAssertion(() => Assert.Equal("Waiting for the greeting from mx1.example.com… (4 s)", Step(cut)), Poll.Limit);
        // The whole run started 20 ms before the connection was made.
        Assert.Equal("4 s", Elapsed(cut));

        _time.Advance(TimeSpan.FromSeconds(62));

        cut.WaitForAssertion(() => Assert.Equal("Waiting for the greeting from mx1.example.com… (1 min 06 s)", Step(cut)), Poll.Limit);
        Assert.Equal("1 min 06 s", Elapsed(cut));
    }

    [Fact]
    public void Live_CommandSent_NamesTheReplyAwaitedAndCountsFromTheCommand()
    {
        var cut = RenderRunning(4);
        _time.Advance(TimeSpan.FromSeconds(1));

        Publish(5, 5); // EHLO sent at 32 ms

        cut.WaitForAssertion(() => Assert.StartsWith("Waiting for the reply to EHLO from mx1.example.com… (", Step(cut), StringComparison.Ordinal), Poll.Limit);
        _time.Advance(TimeSpan.FromMilliseconds(1500));

        // Counted from the command (sent at 32 ms; the clock is now at 2520 ms), not from the start of the run.
        cut.WaitForAssertion(() => Assert.Equal("Waiting for the reply to EHLO from mx1.example.com… (2 s)", Step(cut)), Poll.Limit);
        Assert.Equal("2 s", Elapsed(cut));
        var view = RunningView(Script.Take(5).ToList());
        Assert.Equal(EventKind.Ehlo, Script[4].Kind);
        Assert.Equal(Script[4].At, RunningStep.Current(view).Since);
    }

    [Fact]
    public void Render_NoEventYet_SaysItLooksUpTheMailServersAndTicksFromTheStoredStart()
    {
        var cut = RenderRunning(0);

        _time.Advance(TimeSpan.FromMilliseconds(1300));

        cut.WaitForAssertion(() => Assert.Equal("Looking up the mail servers of example.com… (1 s)", Step(cut)), Poll.Limit);
        Assert.Equal("1 s", Elapsed(cut));
    }

    [Fact]
    public void Tick_VisibleTextUnchanged_DoesNotRender()
    {
        var cut = RenderRunning(3);
        _time.Advance(TimeSpan.FromSeconds(61) + TimeSpan.FromMilliseconds(5));
        cut.WaitForAssertion(() => Assert.Equal("1 min 01 s", Elapsed(cut)), Poll.Limit);
        var header = cut.FindComponent<StatusHeader>();
        var renders = header.RenderCount;

        // Past a minute the header shows whole seconds: three ticks inside one second change nothing visible.
        _time.Advance(StatusHeader.TickInterval);
        _time.Advance(StatusHeader.TickInterval);
        _time.Advance(StatusHeader.TickInterval);

        Assert.Equal(renders, header.RenderCount);
        Assert.Equal(1, _time.ActiveTimers);
    }

    [Fact]
    public void Live_CheckFinishes_TheTimerStopsAndTheHeaderShowsTheTimeTaken()
    {
        var cut = RenderRunning(3);
        Assert.Equal(1, _time.ActiveTimers);

        Publish(4, Script.Count);

        cut.WaitForAssertion(() => Assert.Equal("finished", cut.Find(".mc-result").GetAttribute("data-status")), Poll.Limit);
        // The timer is disposed right after the render that shows the outcome, not necessarily before this thread sees it.
        Assert.True(SpinWait.SpinUntil(() => _time.ActiveTimers == 0, Poll.Limit), "the ticking timer was not stopped");
        Assert.Empty(cut.FindAll("[data-elapsed]"));
        Assert.Contains("Took", cut.Find(".mc-facts").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FinishedCheck_NeverStartsATimer()
    {
        Store.Put(new StoredCheck
        {
            Id = _id,
            Domain = "example.com",
            Status = CheckStatus.Finished,
            Outcome = CheckOutcome.Accepted,
            CreatedAt = RunStart,
            StartedAt = RunStart,
            Request = RedactedRequest.Of(Request),
            Events = Script,
        });

        Render<CheckPage>(p => p.Add(c => c.Id, _id));

        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public async Task Dispose_LeavingTheRunningPage_StopsTheTimer()
    {
        RenderRunning(3);
        Assert.Equal(1, _time.ActiveTimers);

        await DisposeComponentsAsync();

        Assert.Equal(0, _time.ActiveTimers);
        _time.Advance(TimeSpan.FromSeconds(5)); // nothing left to tick
    }

    [Theory]
    [InlineData(0, "Looking up the mail servers of example.com")]
    [InlineData(3, "Waiting for the greeting from mx1.example.com")]
    [InlineData(4, "Talking to mx1.example.com")]
    [InlineData(7, "Waiting for the reply to MAIL FROM from mx1.example.com")]
    [InlineData(9, "Waiting for the reply to RCPT TO from mx1.example.com")]
    [InlineData(11, "Waiting for the reply to QUIT from mx1.example.com")]
    public void Describe_LastEvent_NamesWhatIsAwaited(int events, string expected)
    {
        var view = new CheckView(_id);
        foreach (var e in Script.Take(events))
        {
            view.Add(e);
        }

        Assert.Equal(expected, RunningStep.Describe(WithDomain(view)));
    }

    [Fact]
    public void Describe_ConnectingNote_RepeatsTheNote()
    {
        var view = WithDomain(new CheckView(_id));
        view.Add(Script[0]);
        view.Add(Script[1]);
        view.Add(Script[2] with
        {
            Seq = 3,
            Text = "Connecting to mx1.example.com [127.0.0.2]:25 ...",
            Detail = null,
            Duration = null,
        });

        Assert.Equal("Connecting to mx1.example.com [127.0.0.2]:25", RunningStep.Describe(view));
    }

    [Fact]
    public void Current_EveryMxInParallel_NamesTheTargetWaitedOnLongestAndHowManyAreDone()
    {
        var mx1 = new EventTarget(1, "mx1.example.com", "127.0.0.2", 25);
        var mx2 = new EventTarget(2, "mx2.example.com", "127.0.0.3", 25);
        var mx3 = new EventTarget(3, "mx3.example.com", "127.0.0.4", 25);
        var seq = 0;
        CheckEvent At(int ms, EventDirection direction, EventKind kind, string text, EventTarget? target = null, CheckEventDetail? detail = null) => new()
        {
            Seq = ++seq,
            At = RunStart.AddMilliseconds(ms),
            Elapsed = TimeSpan.FromMilliseconds(ms),
            Direction = direction,
            Kind = kind,
            Text = text,
            Host = target?.Host,
            Target = target,
            Detail = detail,
        };
        var view = RunningView(
        [
            At(10, EventDirection.Info, EventKind.Target, "3 targets", detail: new TargetPlanDetail([mx1, mx2, mx3], 4)),
            At(20, EventDirection.Info, EventKind.Connect, "Connected to mx2.example.com [127.0.0.3]:25", mx2, new ConnectionDetail(mx2.Host, mx2.Address, 25, true)),
            At(21, EventDirection.Info, EventKind.Connect, "Connected to mx1.example.com [127.0.0.2]:25", mx1, new ConnectionDetail(mx1.Host, mx1.Address, 25, true)),
            At(30, EventDirection.Server, EventKind.Banner, "220 mx1.example.com ESMTP", mx1),
            At(31, EventDirection.Client, EventKind.Quit, "QUIT", mx1),
            At(40, EventDirection.Info, EventKind.Target, "Result for [1]: accepted", mx1, new TargetOutcomeDetail(new CheckResult { Outcome = CheckOutcome.Accepted, Summary = "accepted" })),
            At(50, EventDirection.Info, EventKind.Connect, "Connecting to mx3.example.com [127.0.0.4]:25 ...", mx3),
        ], Request with { Mode = CheckMode.Probe, Scope = CheckScope.All });

        var (text, since) = RunningStep.Current(view);

        Assert.Equal("1 of 3 targets done; waiting for the greeting from mx2.example.com [127.0.0.3]", text);
        Assert.Equal(RunStart.AddMilliseconds(20), since);
    }

    [Fact]
    public void Describe_ConnectedWithImplicitTls_WaitsForTheHandshake()
    {
        var view = RunningView(Script.Take(3).ToList(), Request with { Port = 465, Tls = TlsPolicy.Implicit });

        Assert.Equal("Waiting for the TLS handshake with mx1.example.com", RunningStep.Describe(view));
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(999, "0 s")]
    [InlineData(4250, "4 s")]
    [InlineData(59_999, "59 s")]
    [InlineData(60_000, "1 min 00 s")]
    [InlineData(125_700, "2 min 05 s")]
    [InlineData(-30, "0 s")]
    public void FormatTicking_Duration_WholeSecondsThenMinutesAndSeconds(int milliseconds, string expected) =>
        Assert.Equal(expected, RunningStep.FormatTicking(TimeSpan.FromMilliseconds(milliseconds)));

    private CheckView WithDomain(CheckView view)
    {
        if (view.Domain.Length == 0)
        {
            view.Load(new StoredCheck
            {
                Id = _id,
                Domain = "example.com",
                Status = CheckStatus.Running,
                CreatedAt = RunStart,
                Request = RedactedRequest.Of(Request),
            });
        }

        return view;
    }
}
