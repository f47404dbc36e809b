using System.Globalization;
using System.Text;

namespace MailCheck.Core.Checks;

/// <summary>
/// Renders events as a plain-text transcript in the manner of swaks: <c> -&gt;</c> for lines MailCheck sent,
/// <c>&lt;- </c> for lines the server sent (<c> ~&gt;</c> / <c>&lt;~ </c> under TLS), <c>===</c> for MailCheck's own
/// notes. Each event starts with the time since the check began (seconds) and replies end with how long they took.
/// </summary>
/// <example>
/// <code>
///    0.004 === MX for example.com: 10 mx1.example.com [192.0.2.1]
///    0.031 &lt;-  220 mx1.example.com ESMTP  (27 ms)
///    0.031  -&gt; EHLO mailcheck.example
/// </code>
/// </example>
public static class TranscriptFormatter
{
    /// <summary>The whole transcript, one line per line of text, "\n" line endings.</summary>
    public static string Format(IEnumerable<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        foreach (var e in events)
        {
            AppendEvent(text, e);
        }

        return text.ToString();
    }

    /// <summary>One event's lines (ending with "\n"), for a transcript written as the check runs.</summary>
    public static string FormatEvent(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        var text = new StringBuilder();
        AppendEvent(text, checkEvent);
        return text.ToString();
    }

    /// <summary>The swaks-like marker for an event: " ->", "<- ", " ~>", "<~ " or "===".</summary>
    public static string Prefix(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        return checkEvent.Direction switch
        {
            EventDirection.Client => checkEvent.Secure ? " ~>" : " ->",
            EventDirection.Server => checkEvent.Secure ? "<~ " : "<- ",
            _ => "===",
        };
    }

    private static void AppendEvent(StringBuilder text, CheckEvent e)
    {
        var elapsed = e.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(8);
        var blank = new string(' ', elapsed.Length);
        var prefix = Prefix(e);
        var body = e.Detail switch
        {
            OutcomeDetail outcome when e.Kind == EventKind.Outcome => $"Result: {JsonName(outcome.Result.Outcome)}: {e.Text}",
            Scorecard.ScorecardDetail scorecard when scorecard.Items.Count > 0 => e.Text + "\n" + Scorecard.ScorecardText.Format(scorecard.Items).TrimEnd('\n'),
            _ => e.Text,
        };
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(i == 0 ? elapsed : blank).Append(' ').Append(prefix).Append(' ').Append(lines[i]);
            if (i == lines.Length - 1 && e.Duration is { } duration && e.Direction != EventDirection.Client)
            {
                text.Append("  (").Append(Duration(duration)).Append(')');
            }

            text.Append('\n');
        }
    }

    private static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The outcome as the web API shows it (camelCase).</summary>
    private static string JsonName(CheckOutcome outcome)
    {
        var name = outcome.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
