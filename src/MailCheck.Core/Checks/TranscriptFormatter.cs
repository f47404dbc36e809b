using System.Globalization;
using System.Text;
using MailCheck.Core.Documents;
using MailCheck.Core.Matrix;

namespace MailCheck.Core.Checks;

/// <summary>
/// The one transcript formatter, shared by the result page, <c>transcript.txt</c> and the <c>mailcheck</c> CLI.
/// Marks follow swaks: <c>-&gt;</c> for lines MailCheck sent, <c>&lt;-</c> for lines the server sent (<c>~&gt;</c> /
/// <c>&lt;~</c> under TLS), <c>===</c> for MailCheck's own notes and <c>***</c> for notes about a fault or a refusal.
/// Each event starts with the time since the check began (seconds); replies and notes end with how long their step took.
/// In an every-MX check (scope all) the attempts run in parallel and their lines interleave: each line then carries its
/// target's tag ("[2]"; the plan line lists the targets), so the transcript reads per target with a simple filter, and
/// the MX matrix (<see cref="MxMatrixText"/>) comes right before the outcome line.
/// </summary>
/// <example>
/// <code>
///    0.004 === MX for example.com: 10 mx1.example.com [192.0.2.1]
///    0.031 &lt;-  220 mx1.example.com ESMTP  (27 ms)
///    0.031  -&gt; EHLO mailcheck.example
///    0.090 *** The connection was closed or reset.
/// </code>
/// </example>
public static class TranscriptFormatter
{
    public const string SentMark = "->";
    public const string ReceivedMark = "<-";
    public const string SentSecureMark = "~>";
    public const string ReceivedSecureMark = "<~";
    public const string NoteMark = "===";
    public const string ProblemMark = "***";

    /// <summary>The whole transcript, one line per line of text, "\n" line endings.</summary>
    public static string Format(IEnumerable<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        foreach (var e in events)
        {
            Append(text, e, tagTargets: false);
        }

        return text.ToString();
    }

    /// <summary>
    /// The whole transcript of a check made by <paramref name="request"/>: for an every-MX check (scope all) with target
    /// tags, and the MX matrix before the outcome line.
    /// </summary>
    public static string Format(IReadOnlyList<CheckEvent> events, RedactedRequest request)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope != CheckScope.All)
        {
            return Format(events);
        }

        var text = new StringBuilder();
        foreach (var e in events)
        {
            if (e.Kind == EventKind.Outcome)
            {
                text.Append(MxMatrixText.Format(MxMatrixBuilder.Build(events, request.Mode, request.Tls)));
            }

            Append(text, e, tagTargets: true);
        }

        return text.ToString();
    }

    /// <summary>One event's lines (ending with "\n"), for a transcript written as the check runs.</summary>
    public static string FormatEvent(CheckEvent checkEvent, bool tagTargets = false)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        var text = new StringBuilder();
        Append(text, checkEvent, tagTargets);
        return text.ToString();
    }

    /// <summary>The swaks mark of an event: "->", "<-", "~>", "<~", "===" or "***".</summary>
    public static string Mark(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        return checkEvent.Direction switch
        {
            EventDirection.Client => checkEvent.Secure ? SentSecureMark : SentMark,
            EventDirection.Server => checkEvent.Secure ? ReceivedSecureMark : ReceivedMark,
            _ => IsProblem(checkEvent) ? ProblemMark : NoteMark,
        };
    }

    /// <summary>True for MailCheck's notes about a fault (timeout, drop, protocol error) or a safety-policy refusal.</summary>
    public static bool IsProblem(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        return checkEvent.Direction == EventDirection.Info && checkEvent.Kind is EventKind.Error or EventKind.Policy;
    }

    /// <summary>A mark as a three-character column, swaks style: " ->", "<- ", " ~>", "<~ ", "===", "***".</summary>
    public static string Column(string mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return mark switch
        {
            SentMark or SentSecureMark => " " + mark,
            ReceivedMark or ReceivedSecureMark => mark + " ",
            _ => mark,
        };
    }

    /// <summary>
    /// An event's lines in parts (a multi-line reply gives several); the outcome reads "Result: accepted: ...". With
    /// <paramref name="tagTargets"/> (an every-MX check) each line carries its target's tag.
    /// </summary>
    public static IReadOnlyList<TranscriptLine> Lines(CheckEvent checkEvent, bool tagTargets = false)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        var tag = tagTargets ? Tag(checkEvent.Target) : null;
        var time = Seconds(checkEvent.Elapsed);
        var blank = new string(' ', time.Length);
        var mark = Mark(checkEvent);
        var problem = IsProblem(checkEvent);
        var body = checkEvent.Kind == EventKind.Outcome && checkEvent.Detail is OutcomeDetail outcome
            ? $"Result: {OutcomeName(outcome.Result.Outcome)}: {checkEvent.Text}"
            : checkEvent.Text;
        var texts = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        // A reply or a note ends with how long its step took; a command only carries one in a receive check, where it
        // is how long the sender took to send it (MailCheck's outbound commands never carry one).
        var duration = checkEvent.Duration is { } d ? Duration(d) : null;
        var lines = new TranscriptLine[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            lines[i] = new TranscriptLine(i == 0 ? time : blank, mark, texts[i], i == texts.Length - 1 ? duration : null, problem, tag);
        }

        return lines;
    }

    /// <summary>Seconds with milliseconds, right-aligned in 8 characters: "   0.031".</summary>
    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(8);

    /// <summary>A step's duration: "27 ms" under a second, "1.60 s" from one second on.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The outcome as the API and the CLI name it (camelCase): "noMailService".</summary>
    public static string OutcomeName(CheckOutcome outcome)
    {
        var name = outcome.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>A target's tag as a column: "[2] " (four characters up to target 99), blanks for a check-wide line.</summary>
    public static string Tag(EventTarget? target) => (target?.Tag ?? "").PadRight(4);

    private static void Append(StringBuilder text, CheckEvent e, bool tagTargets)
    {
        foreach (var line in Lines(e, tagTargets))
        {
            text.Append(line).Append('\n');
        }

        // The text transcript carries the whole scorecard under its event (the page shows it in its own panel).
        if (e.Detail is Scorecard.ScorecardDetail { Items.Count: > 0 } scorecard)
        {
            var indent = new string(' ', tagTargets ? 18 : 13);
            foreach (var line in Scorecard.ScorecardText.Format(scorecard.Items).TrimEnd('\n').Split('\n'))
            {
                text.Append(indent).Append(line).Append('\n');
            }
        }
    }
}
