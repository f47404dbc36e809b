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
            context.Report(EventKind.Blocklist, BlocklistStage.NotConfiguredText, new BlocklistDetail([], []) { Items = [BlocklistStage.NotConfigured] });
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
