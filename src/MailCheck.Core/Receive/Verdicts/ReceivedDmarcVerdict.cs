using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;
using MimeKit;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// DMARC as the receiver applies it (RFC 9989 §5.3): the author domain from the From field (§3.2.2), the identifiers
/// SPF and DKIM authenticated, their alignment with it (§4.4), the policy found by the tree walk (§4.10) and what that
/// policy makes of a failure. Runs after the SPF and DKIM verdicts.
/// </summary>
public sealed class ReceivedDmarcVerdict : IReceiveVerdict
{
    public string Name => "DMARC";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Dmarc];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spf = context.Get<SpfOutcome>();
        var dkim = context.Get<DkimOutcome>();
        var spfIdentifier = spf?.MailFrom is { Result: SpfResult.Pass } ? spf.MailFromDomain : null;
        var dkimIdentifiers = dkim?.PassingDomains ?? [];
        var (author, problem) = AuthorDomain(context.Message);
        if (author is null)
        {
            var item = ScorecardItem.FromFindings(
                Scorecard.ScorecardIds.Dmarc,
                ScoreArea.Authentication,
                "DMARC: no author domain to evaluate",
                problem!,
                [new ScoreFinding(ScoreStatus.Fail, problem!, "Send exactly one From field with one address (RFC 5322 §3.6.2).")]);
            context.Report(EventKind.Dmarc, $"DMARC: not evaluated — {problem}", new ReceivedDmarcDetail(null, spfIdentifier, dkimIdentifiers, null) { Items = [item] });
            return;
        }

        var verdict = await DmarcEvaluator.EvaluateAsync(
            context.Dns,
            new DmarcIdentifiers { AuthorDomain = author, SpfDomain = spfIdentifier, DkimDomains = dkimIdentifiers },
            cancellationToken).ConfigureAwait(false);
        var judged = Judge(author, spfIdentifier, dkimIdentifiers, spf, verdict);
        var text = $"DMARC for {author}: {verdict.Result.ToString().ToLowerInvariant()}{(verdict.Policy is { } p ? $" (policy {p})" : "")} — {verdict.Summary}";
        context.Report(EventKind.Dmarc, text, new ReceivedDmarcDetail(author, spfIdentifier, dkimIdentifiers, verdict) { Items = [judged] });
    }

    /// <summary>The author domain of a message: the domain of its one From address (RFC 9989 §3.2.2), or why there is none.</summary>
    public static (string? Domain, string? Problem) AuthorDomain(MimeMessage? message)
    {
        if (message is null)
        {
            return (null, "the message could not be read, so it has no From field to take the author domain from (RFC 9989 §3.2.2)");
        }

        var fields = message.Headers.Count(h => h.Id == HeaderId.From);
        if (fields == 0)
        {
            return (null, "the message has no From field, so DMARC has no author domain (RFC 9989 §3.2.2; RFC 5322 §3.6 requires exactly one From)");
        }

        if (fields > 1)
        {
            return (null, $"the message has {fields} From fields; RFC 5322 §3.6 allows one, and receivers may reject such mail outright (RFC 9989 §5.3)");
        }

        var domains = message.From.Mailboxes.Select(m => m.Domain?.Trim().TrimEnd('.').ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (domains.Count == 0 || domains.Any(d => d.Length == 0))
        {
            return (null, "the From field holds no address with a domain, so DMARC has no author domain (RFC 9989 §3.2.2)");
        }

        if (domains.Count > 1)
        {
            return (null, $"the From field names addresses in {domains.Count} domains ({string.Join(", ", domains)}); DMARC needs one author domain, and receivers may reject such mail (RFC 9989 §5.3)");
        }

        var ascii = ReceivedSpfVerdict.HeloDomain(domains[0]);
        return ascii is null
            ? (null, $"the From domain {domains[0]} is not a domain name DMARC can look up (RFC 9989 §3.2.2)")
            : (ascii, null);
    }

    private static ScorecardItem Judge(string author, string? spfIdentifier, IReadOnlyList<string> dkimIdentifiers, SpfOutcome? spf, DmarcVerdict verdict)
    {
        var findings = new List<ScoreFinding>();
        var policy = verdict.Policy;
        var effective = policy is null ? "none" : DmarcAppliedPolicy.Name(policy.Effective);
        switch (verdict.Result)
        {
            case DmarcResult.Pass:
                findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The message {verdict.Summary}."));
                break;
            case DmarcResult.Fail:
                var consequence = effective switch
                {
                    "reject" => "a receiver that applies the policy refuses the message (p=reject)",
                    "quarantine" => "a receiver that applies the policy puts the message in spam (p=quarantine)",
                    _ => "the policy is p=none, so receivers deliver it and only report the failure, but large mailbox providers may still junk it",
                };
                findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The message {verdict.Summary}; {consequence}.", FixFor(author, spfIdentifier, dkimIdentifiers, spf)));
                break;
            case DmarcResult.None:
                findings.Add(new ScoreFinding(
                    ScoreStatus.Warn,
                    $"{Capitalize(verdict.Summary)}: receivers cannot tell {author}'s real mail from forgeries by DMARC, and large mailbox providers require a DMARC record from bulk senders.",
                    $"Publish at _dmarc.{author}: \"v=DMARC1; p=none; rua=mailto:dmarc-reports@{author}\", then move to p=quarantine or p=reject."));
                break;
            case DmarcResult.TempError:
                findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"Could not evaluate DMARC: {verdict.Summary}."));
                break;
            default:
                findings.Add(new ScoreFinding(ScoreStatus.Fail, $"{Capitalize(verdict.Summary)}.", $"Fix the record at _dmarc.{verdict.Discovery.PolicyDomain ?? author}: give it a valid p= (none, quarantine or reject)."));
                break;
        }

        if (verdict.Spf is { } spfAlignment && verdict.Result != DmarcResult.Pass)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"SPF passed for {spfAlignment.Identifier}: {spfAlignment.Explanation}."));
        }
        else if (spfIdentifier is null && spf?.MailFrom is { } mailFrom && verdict.Result != DmarcResult.Pass)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"SPF for {mailFrom.Domain} was {SpfText.Name(mailFrom.Result)}, so it gives DMARC no identifier (RFC 9989 §4.4.2)."));
        }

        foreach (var d in verdict.Dkim.Where(_ => verdict.Result != DmarcResult.Pass))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"DKIM passed for d={d.Identifier}: {d.Explanation}."));
        }

        if (policy is not null)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"The policy that applies to {author}: {policy} — {policy.Reason}."));
        }

        var title = verdict.Result switch
        {
            DmarcResult.Pass => $"DMARC {author}: pass (policy {policy?.ToString() ?? "none"})",
            DmarcResult.Fail => $"DMARC {author}: fail — policy {policy?.ToString() ?? "none"}",
            DmarcResult.None => $"DMARC {author}: no DMARC record",
            DmarcResult.TempError => $"DMARC {author}: could not test",
            _ => $"DMARC {author}: the record is not usable",
        };
        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Dmarc, ScoreArea.Authentication, title, findings[0].Text, findings);
    }

    private static string FixFor(string author, string? spfIdentifier, IReadOnlyList<string> dkimIdentifiers, SpfOutcome? spf)
    {
        if (dkimIdentifiers.Count == 0 && spfIdentifier is null)
        {
            return $"Sign with DKIM as {author} (d={author}), and send with a MAIL FROM in {author} whose SPF lists this server.";
        }

        return dkimIdentifiers.Count > 0
            ? $"Sign with d={author} (or a subdomain of it) rather than d={dkimIdentifiers[0]}: an aligned DKIM signature survives forwarding, SPF does not."
            : $"Use a MAIL FROM (return path) in {author} instead of {spf?.MailFromDomain}, or sign with DKIM as {author}.";
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
