using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// The <c>dkim</c> scorecard item: one row for the domain, with a finding per selector found. One row (not one per
/// selector) because the set of selectors probed is MailCheck's guess, not the domain's: a row per found key would make
/// the score depend on which guesses hit, while the worst key still decides the row's status.
/// </summary>
internal static class DkimJudge
{
    public static ScorecardItem CouldNotTest(string domain, DnsAnswer existence) => Item(
        "DKIM: could not test",
        $"The query for _domainkey.{domain} failed ({existence.Describe()}).",
        [new ScoreFinding(ScoreStatus.NotTested, $"Could not test: the query for _domainkey.{domain} failed ({existence.Describe()}); a temporary DNS failure says nothing about DKIM keys (RFC 6376 §6.1.2).")]);

    public static ScorecardItem Judge(string domain, bool domainKeyExists, int commonSkipped, IReadOnlyList<DkimSelectorResult> results)
    {
        var findings = new List<ScoreFinding>();
        foreach (var result in results)
        {
            findings.AddRange(DkimKeyJudge.Judge(result));
        }

        var found = results.Where(r => r.Lookup.Status == DkimLookupStatus.Found).ToList();
        var failed = results.Where(r => r.Lookup.Status == DkimLookupStatus.Failed && !r.UserGiven).ToList();
        var probed = results.Count;
        if (!domainKeyExists)
        {
            findings.Add(found.Count > 0
                ? new ScoreFinding(ScoreStatus.Warn,
                    $"_domainkey.{domain} answers NXDOMAIN although {found[0].Lookup.Name} exists below it: resolvers may take NXDOMAIN to mean nothing exists below the name (RFC 8020 §2) and then fail to find the key.",
                    $"Fix the DNS server of {domain}: an empty non-terminal such as _domainkey.{domain} must answer NOERROR, not NXDOMAIN (RFC 8020 §2).")
                : new ScoreFinding(ScoreStatus.Info,
                    $"_domainkey.{domain} does not exist (NXDOMAIN), so no DKIM key can exist below it (RFC 8020 §2): the {commonSkipped} common selectors were not probed{(probed > 0 ? ", only the ones you named" : "")}."));
        }

        if (failed.Count > 0)
        {
            findings.Add(new ScoreFinding(results.All(r => r.Lookup.Status == DkimLookupStatus.Failed) ? ScoreStatus.NotTested : ScoreStatus.Info,
                $"Could not look up {failed.Count} of the selectors ({string.Join(", ", failed.Select(r => r.Selector))}): {failed[0].Lookup.Answer} — a failed query is not a missing key (RFC 6376 §6.1.2)."));
        }

        if (found.Count == 0 && domainKeyExists)
        {
            var names = string.Join(", ", results.Select(r => r.Selector));
            findings.Add(new ScoreFinding(ScoreStatus.Info,
                $"No DKIM key found among the {probed} selectors probed ({names}). A domain's selectors cannot be listed from DNS (RFC 6376 §3.6.2.1), so this does not mean {domain} does not sign its mail."));
        }

        var title = found.Count switch
        {
            0 when !domainKeyExists => $"DKIM: no keys (_domainkey.{domain} does not exist)",
            0 => $"DKIM: no key found among {probed} selectors",
            1 => $"DKIM: 1 key found ({found[0].Selector})",
            _ => $"DKIM: {found.Count} keys found ({string.Join(", ", found.Select(r => r.Selector))})",
        };
        var detail = Detail(domain, probed, found);
        var item = Item(title, detail, findings);
        return item.Fix is null && found.Count == 0
            ? item with { Fix = $"Enter the selector your mail is signed with (s= in its DKIM-Signature header) to check its key at <selector>._domainkey.{domain}." }
            : item;
    }

    private static string Detail(string domain, int probed, List<DkimSelectorResult> found)
    {
        var keys = found.Select(r =>
        {
            var key = r.Lookup.Record!.Revoked ? "revoked"
                : r.Lookup.Key is { Problem: null } k ? (k.Algorithm == "rsa" ? $"RSA {k.Bits} bits" : "Ed25519")
                : "unusable key";
            var via = r.Lookup.CnameTarget is { } t ? $", via CNAME to {t}" : "";
            return $"{r.Selector} ({key}{via})";
        });
        var list = found.Count == 0 ? "none" : string.Join("; ", keys);
        return $"Asked for {probed} selectors under _domainkey.{domain}; keys found: {list}. DNS cannot list selectors (RFC 6376 §3.6.2.1): only the selectors asked for can be judged.";
    }

    private static ScorecardItem Item(string title, string detail, IReadOnlyList<ScoreFinding> findings) =>
        ScorecardItem.FromFindings(ScorecardIds.Dkim, ScoreArea.Authentication, title, detail, findings);
}
