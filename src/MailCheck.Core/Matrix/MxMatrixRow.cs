using MailCheck.Core.Checks;

namespace MailCheck.Core.Matrix;

/// <summary>One row of the MX matrix: one address of one MX host (or an MX host without any address).</summary>
public sealed record MxMatrixRow
{
    /// <summary>The target's number in the check (the "[2]" of the transcript); null for a host without address.</summary>
    public int? Index { get; init; }

    public required string Host { get; init; }

    /// <summary>The MX preference (lower is tried first by senders).</summary>
    public int Preference { get; init; }

    /// <summary>The address; null when the host has none.</summary>
    public string? Address { get; init; }

    public int Port { get; init; }

    /// <summary>One cell per <see cref="MatrixStage"/>, in column order.</summary>
    public required IReadOnlyList<MatrixCell> Stages { get; init; }

    /// <summary>The target's own outcome; null while it runs (or when the check ended before it did).</summary>
    public CheckOutcome? Outcome { get; init; }

    /// <summary>The target's own one-line summary.</summary>
    public string? Summary { get; init; }

    /// <summary>Why MailCheck did not test the target; null when it did.</summary>
    public string? NotTested { get; init; }

    /// <summary>"mx1.example.com [192.0.2.1]".</summary>
    public string Label => Address is null ? Host : $"{Host} [{Address}]";

    /// <summary>The cell of <paramref name="stage"/>.</summary>
    public MatrixCell Cell(MatrixStage stage) => Stages[(int)stage];
}
