namespace MailCheck.Core.Matrix;

/// <summary>
/// The MX matrix of an every-MX check (scope all): rows are targets (every address of every MX host), columns the
/// steps (<see cref="MatrixStage"/>), each cell a verdict with its time and reply; and the differences between the
/// hosts. Built from the check's events by <see cref="MxMatrixBuilder"/>: the page, the API and the CLI show the same.
/// </summary>
public sealed record MxMatrix
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<MatrixStage> Columns { get; } = Enum.GetValues<MatrixStage>();

    public required IReadOnlyList<MxMatrixRow> Rows { get; init; }

    /// <summary>What the hosts do not agree on; empty when they all behave alike.</summary>
    public IReadOnlyList<MatrixDifference> Differences { get; init; } = [];

    /// <summary>Targets tested so far (finished, and not refused by MailCheck itself).</summary>
    public int Tested { get; init; }

    /// <summary>Targets that accepted.</summary>
    public int Accepted { get; init; }

    /// <summary>Targets MailCheck did not test (safety policy, connection cap, no route), and hosts without address.</summary>
    public int NotTested { get; init; }

    /// <summary>Targets still running.</summary>
    public int Running { get; init; }

    /// <summary>"3 of 5 targets accepted; 1 not tested", or while running "2 of 3 targets accepted; 2 still running".</summary>
    public string Summary => (Tested == 0 && Running > 0
            ? $"{Running} target{(Running == 1 ? "" : "s")} running"
            : $"{Accepted} of {Tested} target{(Tested == 1 ? "" : "s")} accepted" + (Running > 0 ? $"; {Running} still running" : ""))
        + (NotTested > 0 ? $"; {NotTested} not tested" : "");
}
