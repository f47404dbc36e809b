namespace MailCheck.Core.Matrix;

/// <summary>One cell of the MX matrix: how one step went with one target.</summary>
/// <param name="Name">The step (the column).</param>
/// <param name="Status">The verdict.</param>
public sealed record MatrixCell(MatrixStage Name, MatrixCellStatus Status)
{
    /// <summary>How long the step took, in milliseconds (the reply's wait, the connection, the handshake).</summary>
    public long? Ms { get; init; }

    /// <summary>The server's reply as received (all its lines), or MailCheck's note about the step.</summary>
    public string? Reply { get; init; }

    /// <summary>The reply code, when the step has one.</summary>
    public int? Code { get; init; }

    /// <summary>A few words for the cell: "250", "not offered", "expired 2024-03-01".</summary>
    public string Text { get; init; } = "";

    /// <summary>
    /// True when this step went differently here than with the first target that reached it (the most preferred
    /// MX): a different verdict, banner, SIZE limit, extensions, certificate or reply code.
    /// </summary>
    public bool Differs { get; init; }
}
