using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Dane;

/// <summary>
/// After the session: the MX hosts' TLSA records judged against the certificate chains the servers presented in this
/// check (RFC 7672), one <c>dane</c> scorecard item per MX host (or one for the domain when none publishes records).
/// </summary>
public sealed class DaneStage : ICheckStage
{
    public string Name => "dane";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => 5;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Dane];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Mx is not { } mx)
        {
            return;
        }

        // Before connecting the lookup ran when the delivery went ahead; when discovery ended the check, look now.
        var lookup = context.Get<DaneLookup>() ?? await DaneLookup.RunAsync(context.Dns, mx, context.Request.Port, cancellationToken).ConfigureAwait(false);
        var (items, hosts) = DaneJudge.Judge(lookup, SessionFacts.Connections(context.Transcript), context.Request.Tls, context.Time.GetUtcNow());
        if (items.Count == 0)
        {
            return;
        }

        var summary = ScoreSummary.Of(items);
        var text = items.Count == 1 ? $"DANE: {items[0].Title.Replace("DANE: ", "", StringComparison.Ordinal)}." : $"DANE: {summary} across {items.Count} MX hosts.";
        context.Report(EventKind.Dane, text, new DaneDetail
        {
            Items = items,
            Domain = lookup.Domain,
            Port = lookup.Port,
            Hosts = hosts,
            Unverifiable = lookup.Resolver?.Unverifiable,
        });
    }
}
