using System.Globalization;
using MailCheck.Core.Matrix;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components.Transcript;

/// <summary>The MX matrix of an every-MX check, from Core's <see cref="MxMatrixBuilder"/> (the API's and the CLI's).</summary>
public partial class MxMatrixPanel
{
    private (int? Index, string Host, MatrixStage Stage)? _selected;

    [Parameter]
    public MxMatrix? Matrix { get; set; }

    [Parameter]
    public bool Finished { get; set; }

    /// <summary>The selected cell with its row, taken from the current matrix (it updates while the check runs).</summary>
    private (MxMatrixRow Row, MatrixCell Cell)? Selection
    {
        get
        {
            if (_selected is not { } key || Matrix is null)
            {
                return null;
            }

            var row = Matrix.Rows.FirstOrDefault(r => r.Index == key.Index && r.Host == key.Host);
            return row is null ? null : (row, row.Cell(key.Stage));
        }
    }

    private bool IsSelected(MxMatrixRow row, MatrixCell cell) =>
        _selected is { } key && key.Index == row.Index && key.Host == row.Host && key.Stage == cell.Name;

    private void Select(MxMatrixRow row, MatrixCell cell) =>
        _selected = IsSelected(row, cell) ? null : (row.Index, row.Host, cell.Name);

    internal static string Css<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    internal static string Icon(MatrixCellStatus status) => status switch
    {
        MatrixCellStatus.Pass => "✓",
        MatrixCellStatus.Warn => "!",
        MatrixCellStatus.Fail => "✕",
        MatrixCellStatus.NotReached => "·",
        MatrixCellStatus.Skipped => "–",
        MatrixCellStatus.NotTested => "?",
        _ => "…",
    };

    internal static string StatusWord(MatrixCellStatus status) => status switch
    {
        MatrixCellStatus.Pass => "passed",
        MatrixCellStatus.Warn => "warning",
        MatrixCellStatus.Fail => "failed",
        MatrixCellStatus.NotReached => "not reached",
        MatrixCellStatus.Skipped => "not part of this check",
        MatrixCellStatus.NotTested => "not tested",
        _ => "running",
    };

    private static string Tooltip(MxMatrixRow row, MatrixCell cell)
    {
        var head = $"{row.Label} · {MxMatrixText.Heading(cell.Name)}: {StatusWord(cell.Status)}";
        if (cell.Ms is { } ms)
        {
            head += $" · {Ms(ms)}";
        }

        return cell.Reply is { Length: > 0 } reply ? $"{head}\n{reply}" : head;
    }

    private static string Ms(long ms) => ms >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000.0:0.00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{ms} ms");

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
