using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Posture.Blocklists;

/// <summary>
/// DNS blocklists (RFC 5782), off unless <c>MailCheck:Dnsbl:Zones</c> names some: the mail servers' addresses (an MX
/// usually also sends) and MailCheck's own egress address (a listing there explains rejections of MailCheck's test mail).
/// </summary>
public sealed class BlocklistStage(DnsblClient client, IOptions<SmtpOptions> smtpOptions) : ICheckStage
{
    /// <summary>Most mail server addresses asked about.</summary>
    public const int MaxServerAddresses = 4;

    private const string Rfc = "RFC 5782 §2.1";

    public string Name => "blocklist";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => 20;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Blocklist];

    public ScoreArea Area => ScoreArea.Reputation;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        var zones = client.Zones;
        if (zones.Count == 0)
        {
            context.Report(EventKind.Blocklist, NotConfiguredText, new BlocklistDetail([], []) { Items = [NotConfigured] });
            return;
        }

        var servers = context.Hosts.SelectMany(h => h.Addresses.Select(a => (h.Host, a.Address)))
            .Where(t => IPAddress.TryParse(t.Address, out _))
            .DistinctBy(t => t.Address, StringComparer.Ordinal)
            .Take(MaxServerAddresses)
            .ToList();
        var egress = EgressAddress.Determine(context, smtpOptions.Value.EgressAddress);

        var answers = new List<DnsblAnswer>();
        var items = new List<ScorecardItem>();
        if (servers.Count > 0)
        {
            var serverAnswers = new List<DnsblAnswer>();
            foreach (var (_, address) in servers)
            {
                foreach (var zone in zones)
                {
                    serverAnswers.Add(await client.QueryAsync(context.Dns, zone, IPAddress.Parse(address), cancellationToken).ConfigureAwait(false));
                }
            }

            answers.AddRange(serverAnswers);
            var names = servers.ToDictionary(s => s.Address, s => s.Host, StringComparer.Ordinal);
            items.Add(Judge("mail servers", serverAnswers, a => $"{names[a.Address]} [{a.Address}]", zones.Count));
        }

        if (egress is not null)
        {
            var egressAnswers = new List<DnsblAnswer>();
            foreach (var zone in zones)
            {
                egressAnswers.Add(await client.QueryAsync(context.Dns, zone, egress.Address, cancellationToken).ConfigureAwait(false));
            }

            answers.AddRange(egressAnswers);
            items.Add(Judge("MailCheck", egressAnswers, a => $"MailCheck's address {a.Address} ({egress.Describe()})", zones.Count));
        }

        var listed = answers.Count(a => a.Verdict == DnsblVerdict.Listed);
        var text = $"Blocklists: {answers.Count} answer(s) from {zones.Count} list(s), {listed} listing(s).";
        context.Report(EventKind.Blocklist, text, new BlocklistDetail(zones, answers) { Items = items });
    }

    /// <summary>The transcript line when no list is configured.</summary>
    public const string NotConfiguredText = "Blocklists: not checked (none configured).";

    /// <summary>The item when <c>MailCheck:Dnsbl:Zones</c> names no list (outbound checks and receive mode alike).</summary>
    public static ScorecardItem NotConfigured { get; } = new()
    {
        Id = Scorecard.ScorecardIds.Blocklist,
        Area = ScoreArea.Reputation,
        Status = ScoreStatus.Info,
        Title = "Blocklists: not checked",
        Detail = "DNS blocklists are off on this MailCheck: each query tells the list's operator which address was tested, and the big lists refuse queries through public resolvers.",
        Fix = "An operator can name lists in MailCheck:Dnsbl:Zones (with a resolver the lists accept).",
    };

    /// <summary>One item for a group of addresses (the mail servers, or MailCheck itself).</summary>
    public static ScorecardItem Judge(string target, IReadOnlyList<DnsblAnswer> answers, Func<DnsblAnswer, string> label, int zoneCount)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(label);
        var findings = new List<ScoreFinding>();
        foreach (var a in answers)
        {
            var cached = a.Cached ? " (answer from the last few minutes)" : "";
            findings.Add(a.Verdict switch
            {
                DnsblVerdict.Listed => new ScoreFinding(
                    ScoreStatus.Fail,
                    $"{label(a)} is listed on {a.Zone} ({string.Join(", ", a.Codes)}){(a.Reason is null ? "" : ": " + a.Reason)}{cached}. "
                    + $"Receivers that use this list refuse or junk mail from it ({Rfc}).",
                    $"Find and stop the cause, then ask {a.Zone} to delist {a.Address} (the reason text usually links to the form)."),
                DnsblVerdict.Error => new ScoreFinding(ScoreStatus.NotTested, $"{label(a)} on {a.Zone}: {a.Reason}{cached}."),
                _ => new ScoreFinding(ScoreStatus.Pass, $"{label(a)} is not listed on {a.Zone}{cached}."),
            });
        }

        var listed = answers.Where(a => a.Verdict == DnsblVerdict.Listed).ToList();
        var errors = answers.Count(a => a.Verdict == DnsblVerdict.Error);
        var title = listed.Count > 0
            ? $"Blocklists: {target} listed on {string.Join(", ", listed.Select(a => a.Zone).Distinct(StringComparer.Ordinal))}"
            : errors == answers.Count
                ? $"Blocklists: could not test {target}"
                : errors > 0
                    // Some lookups could not be made: "not listed" holds only where a list answered.
                    ? $"Blocklists: {target} not listed where a list answered; {errors} of {answers.Count} lookups could not be tested"
                    : $"Blocklists: {target} not listed on {zoneCount} list(s)";
        var detail = listed.Count > 0
            ? findings.First(f => f.Status == ScoreStatus.Fail).Text
            : $"Each address was looked up under each list as RFC 5782 §2.1 (IPv4) and §2.4 (IPv6) describe; NXDOMAIN means not listed.";
        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Blocklist, ScoreArea.Reputation, title, detail, findings, target);
    }
}
