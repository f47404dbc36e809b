using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Blocklists;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>DNS blocklists (RFC 5782) for the connecting address, when <c>MailCheck:Dnsbl:Zones</c> names some.</summary>
public sealed class SenderBlocklistVerdict(DnsblClient client) : IReceiveVerdict
{
    public string Name => "blocklist";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Blocklist];

    public ScoreArea Area => ScoreArea.Reputation;

    public async Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var zones = client.Zones;
        if (zones.Count == 0)
        {
            var off = new ScorecardItem
            {
                Id = Scorecard.ScorecardIds.Blocklist,
                Area = ScoreArea.Reputation,
                Status = ScoreStatus.Info,
                Title = "Blocklists: not checked",
                Detail = "DNS blocklists are off on this MailCheck: each query tells the list's operator which address was tested, and the big lists refuse queries through public resolvers.",
                Fix = "An operator can name lists in MailCheck:Dnsbl:Zones (with a resolver the lists accept).",
            };
            context.Report(EventKind.Blocklist, "Blocklists: not checked (none configured).", new BlocklistDetail([], []) { Items = [off] });
            return;
        }

        var answers = new List<DnsblAnswer>();
        foreach (var zone in zones)
        {
            answers.Add(await client.QueryAsync(context.Dns, zone, context.RemoteAddress, cancellationToken).ConfigureAwait(false));
        }

        var item = BlocklistStage.Judge("the sending server", answers, a => $"The sending server {a.Address}", zones.Count);
        var listed = answers.Count(a => a.Verdict == DnsblVerdict.Listed);
        context.Report(EventKind.Blocklist, $"Blocklists: {context.RemoteAddress} asked on {zones.Count} list(s), {listed} listing(s).", new BlocklistDetail(zones, answers) { Items = [item] });
    }
}
