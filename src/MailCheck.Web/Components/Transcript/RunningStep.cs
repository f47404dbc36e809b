using System.Globalization;
using MailCheck.Core.Checks;

namespace MailCheck.Web.Components.Transcript;

/// <summary>
/// What a running check is doing now, in words, read from its last event: after "Connected to mx1" MailCheck waits for
/// the greeting; after a command it waits for that command's reply. Shown with how long that has lasted, so a server
/// that stays silent is plain to see rather than a frozen "connecting (3 ms)".
/// </summary>
public static class RunningStep
{
    /// <summary>The current step of a running check ("Waiting for the greeting from mx1.example.com").</summary>
    public static string Describe(CheckView view) => Current(view).Text;

    /// <summary>
    /// The current step and when it began (the ticking time counts from there; null before the first event). While an
    /// every-MX check (scope <c>all</c>) talks to its targets in parallel, the last event belongs to whichever target
    /// spoke last, which is rarely the one holding the check up: then the step is the unfinished target that has waited
    /// longest, with how many are done ("2 of 5 targets done; waiting for the greeting from mx2.example.com
    /// [192.0.2.7]").
    /// </summary>
    public static (string Text, DateTimeOffset? Since) Current(CheckView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.IsReceive)
        {
            return (DescribeReceive(view), view.Events.Count == 0 ? null : view.Events[^1].At);
        }

        if (view.Events.Count == 0)
        {
            return ($"Looking up the mail servers of {view.Domain}", null);
        }

        if (view.EveryMx && EveryMxStep(view) is { } parallel)
        {
            return parallel;
        }

        var last = view.Events[^1];
        return (Step(view, last, last.Host ?? view.Domain), last.At);
    }

    /// <summary>A receive check: waiting for a sender, then the other side of the conversation (MailCheck answers, the sender talks).</summary>
    private static string DescribeReceive(CheckView view)
    {
        if (!view.SenderConnected || view.Events.Count == 0)
        {
            return "Waiting for a sending server to connect";
        }

        var last = view.Events[^1];
        return last switch
        {
            { Direction: EventDirection.Server, Kind: EventKind.Data, Code: 354 } => "Receiving the message",
            { Direction: EventDirection.Server } => "Waiting for the sending server's next command",
            { Direction: EventDirection.Client, Kind: EventKind.Message } => "Storing the message",
            { Direction: EventDirection.Client } => "Answering the sending server",
            { Kind: EventKind.Dns } => "Judging the message (DNS)",
            _ => Note(last.Text),
        };
    }

    private static (string Text, DateTimeOffset? Since)? EveryMxStep(CheckView view)
    {
        var plan = view.Events.Select(e => e.Detail).OfType<TargetPlanDetail>().FirstOrDefault();
        if (plan is null)
        {
            return null;
        }

        var done = view.Events.Where(e => e.Detail is TargetOutcomeDetail && e.Target is not null).Select(e => e.Target!.Index).ToHashSet();
        if (done.Count >= plan.Targets.Count)
        {
            return null; // every target answered: the stages after the conversation describe themselves
        }

        var count = $"{done.Count} of {plan.Targets.Count} targets done";
        var longest = view.Events
            .Where(e => e.Target is { } t && !done.Contains(t.Index))
            .GroupBy(e => e.Target!.Index)
            .Select(g => g.Last())
            .OrderBy(e => e.At)
            .FirstOrDefault();
        if (longest is null)
        {
            return ($"Testing every MX: {count}", view.Events[^1].At);
        }

        var step = Step(view, longest, longest.Target!.Label);
        return ($"{count}; {char.ToLowerInvariant(step[0])}{step[1..]}", longest.At);
    }

    private static string Step(CheckView view, CheckEvent last, string host) => last switch
    {
        { Kind: EventKind.Dns } => $"Looking up the mail servers of {view.Domain}",
        { Kind: EventKind.Connect, Detail: ConnectionDetail { Connected: true } } when view.Request?.Tls == TlsPolicy.Implicit =>
            $"Waiting for the TLS handshake with {host}",
        { Kind: EventKind.Connect, Detail: ConnectionDetail { Connected: true } } => $"Waiting for the greeting from {host}",
        { Direction: EventDirection.Client, Kind: EventKind.Message } => $"Waiting for the reply to the message from {host}",
        { Direction: EventDirection.Client } => $"Waiting for the reply to {Command(last.Kind)} from {host}",
        // 220 to STARTTLS: the TLS handshake follows at once (RFC 3207 §4).
        { Direction: EventDirection.Server, Kind: EventKind.StartTls, Code: 220 } => $"Waiting for the TLS handshake with {host}",
        { Direction: EventDirection.Server } => $"Talking to {host}",
        // A note ("Connecting to mx1 [192.0.2.1]:25 ...", "No greeting from ..."): it says what is happening.
        _ => Note(last.Text),
    };

    /// <summary>
    /// "4 s" below a minute, then "2 min 05 s": whole seconds, so the header changes once a second. Tenths changed it ten
    /// times a second on every open page for as long as a check waits (a receive check: up to its whole wait), each
    /// change a render, a message and a repaint per viewer (docs/benchmarks.md, measure 5).
    /// </summary>
    public static string FormatTicking(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        // Truncated, not rounded: the shown time never runs ahead of the clock.
        return span < TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s");
    }

    private static string Command(EventKind kind) => CommandNames.Of(kind) ?? StatusHeader.StepName(kind);

    private static string Note(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.TrimEnd('.', ' ', '…');
    }
}
