namespace MailCheck.Core.Pipeline;

/// <summary>
/// One step of a check. The engine runs every registered stage in phase order; each reads what earlier stages left in
/// the <see cref="CheckContext"/> and writes to the one event stream, so a stage can be added without touching the
/// others (register it with <c>services.AddSingleton&lt;ICheckStage, MyStage&gt;()</c>).
/// </summary>
public interface ICheckStage
{
    /// <summary>Short name for logs and for "could not test" notes, e.g. <c>spf</c>.</summary>
    string Name { get; }

    CheckPhase Phase { get; }

    /// <summary>Order within the phase (lower first).</summary>
    int Order { get; }

    /// <summary>
    /// True for posture stages: they run only when the request asks for posture, within the posture time budget, and
    /// a fault in one becomes "could not test" for its <see cref="ScorecardIds"/> — never the check's outcome.
    /// </summary>
    bool IsPosture { get; }

    /// <summary>The scorecard ids this stage fills (marked "not tested" when the stage could not finish).</summary>
    IReadOnlyList<string> ScorecardIds { get; }

    /// <summary>The scorecard area of <see cref="ScorecardIds"/>.</summary>
    Scorecard.ScoreArea Area { get; }

    /// <summary>Runs the stage. Throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    Task RunAsync(CheckContext context, CancellationToken cancellationToken);
}
