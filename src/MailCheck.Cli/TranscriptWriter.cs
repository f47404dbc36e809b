using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Core.Matrix;
using MailCheck.Core.Scorecard;

namespace MailCheck.Cli;

/// <summary>
/// Writes a check's events as they arrive, with Core's <see cref="TranscriptFormatter"/> (the page's and
/// transcript.txt's marks and times), coloured by <see cref="ConsoleStyle"/>: sent lines cyan, replies by class
/// (2xx green, 4xx yellow, 5xx red), problems red, the outcome line bold in its colour. For an every-MX check
/// (<paramref name="request"/> with scope all) each line carries its target's tag and the MX matrix comes before the
/// outcome line, its cells coloured by verdict.
/// </summary>
public sealed class TranscriptWriter(TextWriter output, ConsoleStyle style, RedactedRequest? request = null)
{
    private readonly List<CheckEvent> _events = [];

    private bool EveryMx => request?.Scope == CheckScope.All;

    public void Header(string text) => output.WriteLine(style.Bold(text));

    public void Note(string text) => output.WriteLine($"{new string(' ', 8)} {style.Blue(TranscriptFormatter.NoteMark)} {text}");

    public void Write(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        _events.Add(checkEvent);
        var outcome = CheckEvents.ResultOf(checkEvent)?.Outcome;
        if (outcome is not null && EveryMx)
        {
            WriteMatrix(MxMatrixBuilder.Build(_events, request!.Mode, request.Tls));
        }

        foreach (var line in TranscriptFormatter.Lines(checkEvent, EveryMx))
        {
            var column = TranscriptFormatter.Column(line.Mark);
            var (mark, text) = outcome is { } o
                ? (Tone(o, column), Tone(o, line.Text))
                : line.Problem
                    ? (style.BoldRed(column), style.Red(line.Text))
                    : checkEvent.Direction switch
                    {
                        EventDirection.Client => (style.Cyan(column), line.Text),
                        EventDirection.Server => (Reply(checkEvent.Code, column), Reply(checkEvent.Code, line.Text)),
                        _ => (style.Blue(column), line.Text),
                    };
            var duration = line.Duration is null ? "" : style.Dim($"  ({line.Duration})");
            var tag = line.Tag is null ? "" : style.Bold(line.Tag) + " ";
            output.WriteLine($"{style.Dim(line.Time)} {tag}{mark} {text}{duration}");
        }

        if (checkEvent.Detail is ScorecardDetail { Items.Count: > 0 } scorecard)
        {
            WriteScorecard(scorecard.Items);
        }

        output.Flush();
    }

    /// <summary>The MX matrix (Core's <see cref="MxMatrixText"/>), each cell coloured by its verdict.</summary>
    public void WriteMatrix(MxMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var text = MxMatrixText.Format(matrix, (cell, status) => status switch
        {
            MatrixCellStatus.Pass => style.Green(cell),
            MatrixCellStatus.Warn => style.Yellow(cell),
            MatrixCellStatus.Fail => style.Red(cell),
            _ => style.Dim(cell),
        });
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            output.WriteLine(line.StartsWith("MX matrix", StringComparison.Ordinal) ? style.Bold(line) : line);
        }
    }

    /// <summary>The scorecard under its event: one line per item coloured by status, findings and fixes indented.</summary>
    private void WriteScorecard(IReadOnlyList<ScorecardItem> items)
    {
        var indent = new string(' ', EveryMx ? 18 : 13);
        foreach (var line in ScorecardText.Format(items).TrimEnd('\n').Split('\n'))
        {
            var trimmed = line.TrimStart();
            var painted = trimmed.StartsWith("[FAIL]", StringComparison.Ordinal) || trimmed.StartsWith("FAIL:", StringComparison.Ordinal) ? style.Red(line)
                : trimmed.StartsWith("[warn]", StringComparison.Ordinal) || trimmed.StartsWith("warn:", StringComparison.Ordinal) ? style.Yellow(line)
                : trimmed.StartsWith("[pass]", StringComparison.Ordinal) ? style.Green(line)
                : line.StartsWith(' ') ? line : style.Bold(line);
            output.WriteLine(indent + painted);
        }
    }

    /// <summary>The outcome alone, for --quiet: "accepted: Accepted by mx1.example.com ...".</summary>
    public void Outcome(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        output.WriteLine(Tone(result.Outcome, $"{TranscriptFormatter.OutcomeName(result.Outcome)}: {result.Summary}"));
        output.Flush();
    }

    private string Reply(int? code, string text) => code switch
    {
        >= 500 => style.Red(text),
        >= 400 => style.Yellow(text),
        >= 200 and < 300 => style.Green(text),
        _ => text,
    };

    private string Tone(CheckOutcome outcome, string text) => outcome switch
    {
        CheckOutcome.Accepted => style.BoldGreen(text),
        CheckOutcome.Deferred or CheckOutcome.Indeterminate or CheckOutcome.Timeout or CheckOutcome.Cancelled or CheckOutcome.Interrupted => style.BoldYellow(text),
        _ => style.BoldRed(text),
    };
}
