using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// Posture, after the session: judges the MX host this check actually used against the enforce or testing policy the
/// discovery step found (<see cref="MtaStsMxJudge"/>), with the certificate and STARTTLS it showed in this session, and
/// the other MX hosts by name. Emits the <c>mtaSts</c> scorecard item.
/// </summary>
public sealed class MtaStsVerdictStage : ICheckStage
{
    public string Name => "mtaSts";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => -10;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.MtaSts];

    public ScoreArea Area => ScoreArea.Transport;

    public Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        if (context.Get<MtaStsState>() is not { Verdict.JudgesMx: true } state)
        {
            return Task.CompletedTask;
        }

        var discovery = state.Discovery;
        var policy = discovery.Policy!;
        var usedConnection = SessionFacts.Used(context.Transcript, context.Result);
        var used = usedConnection is null
            ? []
            : SessionFacts.Connections(context.Transcript).Where(c => c.Host == usedConnection.Host && c.Address == usedConnection.Address).ToList();
        var (title, mxFindings, matched) = MtaStsMxJudge.Judge(
            state.Verdict.Mode!.Value, policy.Mx, context.Request, usedConnection?.Host, used, context.Hosts, context.Time.GetUtcNow());
        var findings = state.Verdict.Findings.Concat(mxFindings).ToList();
        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.MtaSts, ScoreArea.Transport, title, MtaStsDiscoveryStage.Describe(discovery), findings);
        context.Report(EventKind.MtaSts, item.Title, MtaStsDetail.From(discovery) with { Items = [item], MxHost = usedConnection?.Host, MatchedPattern = matched });
        return Task.CompletedTask;
    }
}
