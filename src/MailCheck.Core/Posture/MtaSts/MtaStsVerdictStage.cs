using MailCheck.Core.Checks;
using MailCheck.Core.Dane;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// Posture, after the session: judges the MX host this check actually used against the enforce or testing policy the
/// discovery step found (<see cref="MtaStsMxJudge"/>), with the certificate and STARTTLS it showed in this session, and
/// the other MX hosts by name. Emits the <c>mtaSts</c> scorecard item. When the MX used is DANE-protected (secure,
/// usable TLSA records found before connecting), the item says that senders implementing both use DANE for it
/// (RFC 8461 §2, RFC 7672 §2.2), so the policy's verdict concerns senders that implement MTA-STS only.
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
        if (usedConnection is not null && DaneNote(context.Get<DaneLookup>(), usedConnection.Host) is { } note)
        {
            findings.Add(note);
        }

        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.MtaSts, ScoreArea.Transport, title, MtaStsDiscoveryStage.Describe(discovery), findings);
        context.Report(EventKind.MtaSts, item.Title, MtaStsDetail.From(discovery) with { Items = [item], MxHost = usedConnection?.Host, MatchedPattern = matched });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Information for an MX host DANE senders authenticate by its TLSA records (RFC 7672 §2.2): senders that implement
    /// DANE and MTA-STS apply DANE to it (RFC 8461 §2 contrasts the two: DNSSEC-authenticated and downgrade-resistant,
    /// against CA-based with a cached policy). Null when the host is not DANE-protected.
    /// </summary>
    internal static ScoreFinding? DaneNote(DaneLookup? lookup, string host) =>
        lookup?.For(host) is { Enforced: true } dane
            ? new ScoreFinding(ScoreStatus.Info,
                $"{host} also has DNSSEC-secure, usable DANE TLSA records ({dane.TlsaName}): senders that implement DANE as well as MTA-STS authenticate it by those records rather than by this policy (RFC 8461 §2, RFC 7672 §2.2) — the dane item has their verdict. This item is what senders that implement only MTA-STS do.")
            : null;
}
