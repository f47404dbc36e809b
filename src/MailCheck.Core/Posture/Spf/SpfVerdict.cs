using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Spf;

/// <summary>Turns an <see cref="SpfAnalysis"/> into the <c>spf</c> scorecard item, every finding naming its RFC 7208 section.</summary>
public static class SpfVerdict
{
    /// <summary>The item for a check with no domain to judge (an address literal without a recipient domain).</summary>
    public static ScorecardItem NoDomain() => new()
    {
        Id = ScorecardIds.Spf,
        Area = ScoreArea.Authentication,
        Status = ScoreStatus.Info,
        Title = "SPF: no domain to judge",
        Detail = "The check targets an address literal, so there is no domain whose SPF record (RFC 7208 §4.5) could be judged.",
    };

    public static ScorecardItem Judge(SpfAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var domain = analysis.Domain;
        var lookup = analysis.Lookup;
        string detail;
        List<SpfIssue> issues;
        switch (lookup.Status)
        {
            case SpfLookupStatus.Failed:
                detail = $"The TXT lookup for {domain} failed ({lookup.Answer!.Describe()}), so its SPF could not be read (RFC 7208 §4.4).";
                issues = [new SpfIssue(ScoreStatus.NotTested, "could not test",
                    $"Could not test: the TXT lookup for {domain} failed ({lookup.Answer.Describe()}). Receivers would get temperror, and a temporary DNS failure is never a fail (RFC 7208 §4.4, §2.6.6).")];
                break;
            case SpfLookupStatus.NoSuchDomain:
                detail = $"{domain} does not exist in DNS (NXDOMAIN) (RFC 7208 §4.3).";
                issues = [new SpfIssue(ScoreStatus.Info, $"{domain} does not exist",
                    $"{domain} does not exist (NXDOMAIN), so it has no SPF record to judge; receivers get none (RFC 7208 §4.3).")];
                break;
            case SpfLookupStatus.NoRecord:
                detail = $"No TXT record at {domain} starts with \"v=spf1\" and a space (RFC 7208 §4.5).";
                issues = NoRecord(domain, lookup.OtherTexts);
                break;
            case SpfLookupStatus.Multiple:
                detail = $"{domain} publishes {lookup.Records.Count} SPF records: {string.Join(" | ", lookup.Records.Select(r => $"\"{r}\""))} (RFC 7208 §4.5).";
                issues = [new SpfIssue(ScoreStatus.Fail, $"{lookup.Records.Count} SPF records",
                    $"{domain} publishes {lookup.Records.Count} records starting with v=spf1; a domain must publish exactly one, so receivers return permerror and SPF fails for all of its mail (RFC 7208 §4.5).",
                    $"Merge the {lookup.Records.Count} SPF records into one: {SpfRecordMerge.Suggest(lookup.Records)}"),
                    .. SpfNearMiss.Explain(lookup.OtherTexts, recordFound: true)];
                break;
            default:
                if (analysis.SyntaxError is { } error)
                {
                    detail = $"{domain} publishes \"{lookup.Record}\", which does not parse (RFC 7208 §4.6).";
                    issues = [new SpfIssue(ScoreStatus.Fail, $"syntax error at column {error.Column}",
                        $"The record has a syntax error at {error}. Any syntax error makes receivers return permerror, so SPF fails for all of {domain}'s mail (RFC 7208 §4.6).",
                        error.Term is null ? "Start the record with \"v=spf1 \"." : $"Correct '{error.Term}' in the TXT record at {domain}.")];
                }
                else
                {
                    var atLeast = analysis.Complete ? "" : "at least ";
                    detail = $"{domain} publishes \"{lookup.Record}\". Evaluating it takes {atLeast}{analysis.DnsLookups} DNS {Plural(analysis.DnsLookups, "lookup")} "
                        + $"(limit 10) and {analysis.VoidLookups} void {Plural(analysis.VoidLookups, "lookup")} (limit 2) (RFC 7208 §4.6.4).";
                    issues = SpfTreeFindings.Collect(analysis);
                    issues.AddRange(SpfNearMiss.Explain(lookup.OtherTexts, recordFound: true));
                }

                break;
        }

        var worst = issues.OrderByDescending(i => i.Status).First();
        var title = worst.Status switch
        {
            ScoreStatus.Pass => $"SPF: one valid record, {(analysis.Complete ? "" : "at least ")}{analysis.DnsLookups} of 10 DNS lookups",
            ScoreStatus.NotTested when lookup.Status == SpfLookupStatus.Found => $"SPF: partly tested ({worst.Headline})",
            _ => $"SPF: {worst.Headline}",
        };
        return ScorecardItem.FromFindings(ScorecardIds.Spf, ScoreArea.Authentication, title, detail, [.. issues.Select(i => i.ToFinding())]);
    }

    /// <summary>
    /// No SPF record. This is a fail, not a warning: RFC 7208 makes publishing optional, but without a record receivers
    /// get "none" (§2.6.1) and cannot tell the domain's mail from forgeries, large mailbox providers require SPF (or DKIM)
    /// from every sender and both from bulk senders, and a domain that sends no mail should say so with "v=spf1 -all".
    /// Either way the fix is one TXT record. TXT records that look like a failed attempt are explained.
    /// </summary>
    private static List<SpfIssue> NoRecord(string domain, IReadOnlyList<string> others)
    {
        var issues = new List<SpfIssue>
        {
            new(ScoreStatus.Fail, "no SPF record",
                $"{domain} publishes no SPF record: receivers get \"none\" for its mail and cannot tell it from forged mail (RFC 7208 §4.5, §2.6.1).",
                $"Publish one TXT record at {domain} listing the hosts that send its mail, e.g. \"v=spf1 mx -all\" (or \"v=spf1 -all\" if it sends no mail)."),
        };
        issues.AddRange(SpfNearMiss.Explain(others, recordFound: false));
        return issues;
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
