using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// One verdict a receiving server reaches about a message (SPF, DKIM, DMARC ...). The judgement runs them in order,
/// each within what is left of the time budget; a fault in one makes its items "not tested", never the check's outcome.
/// </summary>
public interface IReceiveVerdict
{
    /// <summary>Short name for "could not test" notes, e.g. <c>SPF</c>.</summary>
    string Name { get; }

    /// <summary>The scorecard ids it fills (marked "not tested" when it could not finish).</summary>
    IReadOnlyList<string> ScorecardIds { get; }

    ScoreArea Area { get; }

    Task RunAsync(ReceiveContext context, CancellationToken cancellationToken);
}
