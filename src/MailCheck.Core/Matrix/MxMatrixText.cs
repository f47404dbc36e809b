using System.Text;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Matrix;

/// <summary>
/// The MX matrix as plain text, for <c>transcript.txt</c> and the <c>mailcheck</c> CLI: a table (one line per target,
/// one column per step, each cell a mark and a few words), a legend, the differences between the hosts, and the
/// targets that did not accept with their summaries.
/// </summary>
/// <example>
/// <code>
/// MX matrix: 2 of 3 targets accepted
///  #   MX target                    connect     banner  EHLO                STARTTLS       certificate       MAIL FROM  RCPT TO    result
///  [1] 10 mx1.example.com 192.0.2.1 + connected + 220   + 250 · SIZE 9.8 MiB + 220         + valid to 2026-05-01 + 250 2.1.0 + 250 2.1.5 accepted
/// </code>
/// </example>
public static class MxMatrixText
{
    private const int MaxCell = 24;

    /// <summary>The column headings, in <see cref="MxMatrix.Columns"/> order.</summary>
    public static string Heading(MatrixStage stage) => stage switch
    {
        MatrixStage.Connect => "connect",
        MatrixStage.Banner => "banner",
        MatrixStage.Ehlo => "EHLO",
        MatrixStage.StartTls => "STARTTLS",
        MatrixStage.Certificate => "certificate",
        MatrixStage.MailFrom => "MAIL FROM",
        _ => "RCPT TO",
    };

    /// <summary>The one-character mark of a status: + pass, ! warning, x fail, . not reached, - not part of the check, ? not tested, ~ running.</summary>
    public static string Mark(MatrixCellStatus status) => status switch
    {
        MatrixCellStatus.Pass => "+",
        MatrixCellStatus.Warn => "!",
        MatrixCellStatus.Fail => "x",
        MatrixCellStatus.NotReached => ".",
        MatrixCellStatus.Skipped => "-",
        MatrixCellStatus.NotTested => "?",
        _ => "~",
    };

    /// <summary>
    /// The matrix as lines ending with "\n". <paramref name="paint"/> (e.g. the CLI's colours) gets each cell's
    /// padded text and status; plain text without it.
    /// </summary>
    public static string Format(MxMatrix matrix, Func<string, MatrixCellStatus, string>? paint = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        paint ??= (text, _) => text;
        var header = new List<string> { "#", "MX target" };
        header.AddRange(MxMatrix.Columns.Select(Heading));
        header.Add("result");

        var table = matrix.Rows.Select(row =>
        {
            var cells = new List<(string Text, MatrixCellStatus? Status)>
            {
                (row.Index is { } i ? $"[{i}]" : "", null),
                ($"{row.Preference} {row.Host} {row.Address}".TrimEnd(), null),
            };
            cells.AddRange(row.Stages.Select(c => (Cut($"{Mark(c.Status)} {c.Text}".TrimEnd()) + (c.Differs ? " *" : ""), (MatrixCellStatus?)c.Status)));
            cells.Add((row.NotTested is not null ? "not tested" : row.Outcome is { } o ? TranscriptFormatter.OutcomeName(o) : "running", row.Outcome switch
            {
                null => MatrixCellStatus.Pending,
                CheckOutcome.Accepted => MatrixCellStatus.Pass,
                _ when row.NotTested is not null => MatrixCellStatus.NotTested,
                CheckOutcome.Deferred or CheckOutcome.Timeout => MatrixCellStatus.Warn,
                _ => MatrixCellStatus.Fail,
            }));
            return cells;
        }).ToList();

        var widths = header.Select((h, c) => Math.Max(h.Length, table.Count == 0 ? 0 : table.Max(r => r[c].Text.Length))).ToList();
        var text = new StringBuilder();
        text.Append("MX matrix: ").Append(matrix.Summary).Append('\n');
        text.Append(' ').Append(string.Join("  ", header.Select((h, c) => h.PadRight(widths[c]))).TrimEnd()).Append('\n');
        foreach (var row in table)
        {
            var line = string.Join("  ", row.Select((cell, c) =>
            {
                var padded = c == row.Count - 1 ? cell.Text : cell.Text.PadRight(widths[c]);
                return cell.Status is { } status ? paint(padded, status) : padded;
            }));
            text.Append(' ').Append(line.TrimEnd()).Append('\n');
        }

        text.Append(" (+ passed  ! warning  x failed  . not reached  - not part of this check  ? not tested  * differs from the first MX)\n");
        if (matrix.Differences.Count > 0)
        {
            text.Append("Differences between the MX hosts:\n");
            foreach (var difference in matrix.Differences)
            {
                text.Append("  - ").Append(difference.Text).Append('\n');
            }
        }

        foreach (var row in matrix.Rows.Where(r => r.Outcome is not null && r.Outcome != CheckOutcome.Accepted || r.Index is null))
        {
            text.Append("  ").Append(row.Index is { } i ? $"[{i}] " : "").Append(row.Label).Append(": ").Append(row.NotTested is { } why ? $"not tested: {why}" : row.Summary).Append('\n');
        }

        return text.ToString();
    }

    private static string Cut(string text) => text.Length <= MaxCell ? text : text[..(MaxCell - 1)] + "…";
}
