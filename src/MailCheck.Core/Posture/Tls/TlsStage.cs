using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Tls;

/// <summary>
/// After the session: one <c>tls</c> scorecard item for each MX address MailCheck connected to, judged from what the
/// conversation showed (see <see cref="TlsJudge"/>). No new connection is made.
/// </summary>
public sealed class TlsStage : ICheckStage
{
    public string Name => "tls";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => -5;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Tls];

    public ScoreArea Area => ScoreArea.Transport;

    public Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var connections = SessionFacts.Connections(context.Transcript);
        if (connections.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = context.Time.GetUtcNow();
        var targets = connections.GroupBy(c => (c.Host, c.Address)).ToList();
        var items = targets.Select(g => TlsJudge.Judge(g.Key.Host, g.Key.Address, [.. g], context.Request, now)).ToList();
        var text = items.Count == 1
            ? items[0].Title
            : $"TLS: {items.Count} mail server addresses judged ({ScoreSummary.Of(items)}).";
        context.Report(EventKind.TlsVerdict, text, new TlsVerdictDetail([.. items.Select(i => i.Target!)]) { Items = items });
        return Task.CompletedTask;
    }
}
