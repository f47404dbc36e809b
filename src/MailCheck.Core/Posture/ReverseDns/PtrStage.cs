using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.ReverseDns;

/// <summary>
/// Reverse DNS of the mail servers: for each MX address, its PTR, whether the PTR name resolves back to it
/// (forward-confirmed, the "iprev" test of RFC 8601 §3), and whether the greeting of a server MailCheck talked to
/// names the same host (what MXToolbox calls "reverse DNS does not match SMTP banner").
/// </summary>
public sealed class PtrStage : ICheckStage
{
    /// <summary>Most addresses looked up (each costs up to four queries).</summary>
    public const int MaxAddresses = 6;

    private const string Rfc = "RFC 8601 §3 (iprev)";

    public string Name => "reverse DNS";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => 0;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Ptr];

    public ScoreArea Area => ScoreArea.Identity;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var targets = context.Hosts
            .SelectMany(h => h.Addresses.Select(a => (h.Host, a.Address)))
            .Where(t => IPAddress.TryParse(t.Address, out _))
            .DistinctBy(t => t.Address, StringComparer.Ordinal)
            .ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var connections = SessionFacts.Connections(context.Transcript);
        var entries = new List<PtrEntry>();
        var items = new List<ScorecardItem>();
        foreach (var (host, address) in targets.Take(MaxAddresses))
        {
            var result = await ReverseDnsLookup.LookupAsync(context.Dns, IPAddress.Parse(address), "ptr", cancellationToken).ConfigureAwait(false);
            var banner = connections.LastOrDefault(c => c.Address == address)?.BannerName;
            entries.Add(new PtrEntry(host, address, result.PtrNames, result.ConfirmedName, banner));
            items.Add(Judge(host, address, result, banner));
        }

        var skipped = targets.Count - entries.Count;
        var confirmed = entries.Count(e => e.ConfirmedName is not null);
        var text = $"Reverse DNS: {confirmed} of {entries.Count} mail server address(es) forward-confirmed"
            + (skipped > 0 ? $"; {skipped} more not checked (MailCheck checks at most {MaxAddresses})." : ".");
        context.Report(EventKind.Ptr, text, new PtrDetail(entries) { Items = items });
    }

    /// <summary>The verdict for one address.</summary>
    public static ScorecardItem Judge(string host, string address, ReverseDnsResult result, string? bannerName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var target = $"{host} [{address}]";
        var findings = new List<ScoreFinding>();
        string title;
        if (result.Unknown)
        {
            title = $"Reverse DNS of {address}: could not test";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"Could not test the reverse DNS of {address}: {result.Failure}."));
        }
        else if (result.PtrNames.Count == 0)
        {
            title = $"{address} ({host}) has no reverse DNS";
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"{address} has no PTR record, so it fails the iprev test ({Rfc}); many receivers refuse or distrust mail from an address without one, "
                + "and an MX host usually also sends (bounces, forwards). RFC 1912 §2.1: every Internet-reachable host should have a name.",
                $"Ask whoever runs {address} (the hosting or network provider) to publish a PTR record naming {host}, and keep {host} resolving to {address}."));
        }
        else if (!result.ForwardConfirmed)
        {
            var names = string.Join(", ", result.PtrNames);
            title = $"Reverse DNS of {address} is not forward-confirmed";
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"{address} has PTR {names}, but {(result.PtrNames.Count == 1 ? "that name does" : "none of those names do")} not resolve back to {address}: "
                + $"the iprev test fails ({Rfc}) and receivers treat the name as unverified.",
                $"Add {address} to the A/AAAA records of {result.PtrNames[0]}, or change the PTR of {address} to a name that resolves to it (e.g. {host})."));
        }
        else
        {
            title = $"{address} → {result.ConfirmedName} → {address}";
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"{address} has PTR {result.ConfirmedName}, which resolves back to {address}: forward-confirmed reverse DNS ({Rfc})."));
        }

        if (bannerName is not null && result.PtrNames.Count > 0)
        {
            if (result.PtrNames.Contains(bannerName, StringComparer.OrdinalIgnoreCase))
            {
                findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The greeting of {address} names {bannerName}, the same host as its PTR."));
            }
            else
            {
                findings.Add(new ScoreFinding(
                    ScoreStatus.Info,
                    $"Reverse DNS does not match the SMTP banner: the greeting names {bannerName}, the PTR names {string.Join(", ", result.PtrNames)}. "
                    + "RFC 5321 §4.3.1 asks a server to name itself in its greeting; no RFC requires the two to be equal, and receivers do not reject for it, "
                    + "but matching names make logs and tools agree.",
                    $"Let the server greet as {result.ConfirmedName ?? result.PtrNames[0]} (Postfix: smtpd_banner = $myhostname ESMTP, with myhostname = {result.ConfirmedName ?? result.PtrNames[0]})."));
            }
        }

        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Ptr, ScoreArea.Identity, title, findings[0].Text, findings, target);
    }
}
