using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Pipeline;

/// <summary>The last stage before the outcome: one <c>scorecard</c> event with every item the posture stages set.</summary>
public sealed class ScorecardStage : ICheckStage
{
    public string Name => "scorecard";

    public CheckPhase Phase => CheckPhase.Scorecard;

    public int Order => 0;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [];

    public ScoreArea Area => ScoreArea.Authentication;

    public Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.Scorecard.Items;
        var summary = ScoreSummary.Of(items);
        var text = items.Count == 0 ? "Scorecard: nothing to judge." : $"Scorecard: {summary}.";
        context.Info(EventKind.Scorecard, text, new ScorecardDetail(items, summary));
        return Task.CompletedTask;
    }
}
