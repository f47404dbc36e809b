using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// Posture, before connecting: the domain's MTA-STS TXT record (<c>_mta-sts.&lt;domain&gt;</c>, RFC 8461 §3.1) and its
/// policy, fetched over HTTPS (§3.3) by <see cref="MtaStsFetcher"/> — also when there is no record, to catch a policy
/// published without one. Emits an <c>mtaSts</c> event; when senders would apply an enforce or testing policy, the
/// verdict waits for the session (<see cref="MtaStsVerdictStage"/>), otherwise the item is final here.
/// </summary>
public sealed class MtaStsDiscoveryStage : ICheckStage
{
    private readonly MtaStsFetcher _fetcher;

    public MtaStsDiscoveryStage(MtaStsFetcher fetcher)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        _fetcher = fetcher;
    }

    public string Name => "mtaSts";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    public int Order => 50;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.MtaSts];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PostureDomain is not { } domain)
        {
            return;
        }

        var name = "_mta-sts." + domain;
        var answer = await context.Dns.QueryAsync(name, DnsRecordType.TXT, "mta-sts", cancellationToken).ConfigureAwait(false);
        var texts = answer.Status == DnsResponseStatus.NoError
            ? answer.Records.Where(r => r.Type == DnsRecordType.TXT).Select(r => r.Text ?? "").ToList()
            : [];
        var fetch = answer.Failed ? null : await _fetcher.FetchAsync(domain, context.Dns, cancellationToken).ConfigureAwait(false);
        var discovery = new MtaStsDiscovery { Domain = domain, TxtAnswer = answer, TxtRecords = texts, Fetch = fetch };
        var verdict = MtaStsPolicyJudge.Judge(discovery, _fetcher.Timeout);
        context.Set(new MtaStsState(discovery, verdict));

        var detail = MtaStsDetail.From(discovery);
        if (verdict.JudgesMx)
        {
            // The MX is judged after the session: the event tells what was found, the item comes then.
            context.Info(EventKind.MtaSts, $"{verdict.Title}: policy fetched from {fetch!.Url}; the MX used is judged after the conversation.", detail);
            return;
        }

        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.MtaSts, ScoreArea.Transport, verdict.Title, Describe(discovery), verdict.Findings);
        context.Report(EventKind.MtaSts, item.Title, detail with { Items = [item] });
    }

    /// <summary>What was asked and what came back, in one line.</summary>
    internal static string Describe(MtaStsDiscovery discovery)
    {
        var txt = $"{discovery.TxtName} TXT: {discovery.TxtAnswer.Describe()}.";
        var fetch = discovery.Fetch;
        if (fetch is null)
        {
            return txt;
        }

        var got = fetch.Succeeded
            ? $"{fetch.HttpStatus}, {fetch.ContentType}, {fetch.Body?.Length ?? 0} characters"
            : fetch.Error;
        return $"{txt} {fetch.Url}: {got}.";
    }
}
