using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Turns a DMARC discovery into the <c>dmarc</c> scorecard item: every verdict names its RFC 9989 section.</summary>
internal static class DmarcJudge
{
    public static ScorecardItem Judge(DmarcDiscoveryResult discovery, bool? domainExists, IReadOnlyList<DmarcReportDestination> destinations)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var detail = Detail(discovery);
        return discovery.Status switch
        {
            DmarcDiscoveryStatus.TemporaryError => CouldNotTest(discovery, detail),
            DmarcDiscoveryStatus.NotFound => Item("DMARC: no record", detail, NotFound(discovery)),
            _ => Found(discovery, domainExists, destinations, detail),
        };
    }

    /// <summary>The record a domain without one can start with (monitoring, with aggregate reports).</summary>
    public static string StartingRecord(string organizationalDomain) =>
        $"v=DMARC1; p=none; rua=mailto:dmarc-reports@{organizationalDomain}";

    private static ScorecardItem Item(string title, string detail, IEnumerable<ScoreFinding> findings) =>
        ScorecardItem.FromFindings(ScorecardIds.Dmarc, ScoreArea.Authentication, title, detail, [.. findings]);

    private static ScorecardItem CouldNotTest(DmarcDiscoveryResult discovery, string detail)
    {
        var failed = discovery.Walk.FailedStep!;
        return Item("DMARC: could not test", detail,
        [
            new ScoreFinding(ScoreStatus.NotTested,
                $"Could not test: the query for {failed.Name} failed ({failed.Answer}), so whether a DMARC policy applies to {discovery.Domain} is unknown — a temporary DNS failure is not a missing record (RFC 9989 §4.10.1)."),
        ]);
    }

    private static IEnumerable<ScoreFinding> NotFound(DmarcDiscoveryResult discovery)
    {
        var org = discovery.OrganizationalDomain ?? discovery.Domain;
        foreach (var finding in DiscardedRecords(discovery.Walk, ScoreStatus.Fail, "so no DMARC policy applies"))
        {
            yield return finding;
        }

        var looked = discovery.Walk.Steps.Count == 1
            ? $"_dmarc.{discovery.Domain} holds no DMARC record"
            : $"neither _dmarc.{discovery.Domain} nor any name above it up to _dmarc.{discovery.Walk.Steps[^1].Domain} holds a DMARC record";
        yield return new ScoreFinding(ScoreStatus.Fail,
            $"No DMARC record: {looked}, so receivers apply no DMARC policy to mail that claims to come from {discovery.Domain} and anyone can use it in From: (RFC 9989 §4.10.1).",
            $"Publish TXT at _dmarc.{org}: \"{StartingRecord(org)}\", then move to p=quarantine or p=reject once the reports show only your own mail.");
    }

    /// <summary>Records a walk discarded: several at one name, or TXT records that look like a mistyped DMARC record.</summary>
    private static IEnumerable<ScoreFinding> DiscardedRecords(DmarcTreeWalk walk, ScoreStatus status, string consequence)
    {
        foreach (var step in walk.Steps)
        {
            if (step.HasSeveralRecords)
            {
                yield return new ScoreFinding(status,
                    $"{step.Name} has {step.DmarcRecords.Count} DMARC records: receivers discard them all when there is more than one (RFC 9989 §4.10, step 2), {consequence}.",
                    $"Keep exactly one v=DMARC1 record at {step.Name}.");
            }

            foreach (var other in step.OtherRecords.Where(t => t.Contains("dmarc", StringComparison.OrdinalIgnoreCase)))
            {
                yield return new ScoreFinding(status,
                    $"{step.Name} has the TXT record \"{DmarcRecord.Quote(other)}\", which is not a DMARC record: one must begin with v=DMARC1, exactly so and as its first tag (RFC 9989 §4.7), {consequence}.",
                    $"Begin the record at {step.Name} with \"v=DMARC1;\".");
            }
        }
    }

    private static ScorecardItem Found(DmarcDiscoveryResult discovery, bool? domainExists, IReadOnlyList<DmarcReportDestination> destinations, string detail)
    {
        var record = discovery.Record!;
        var applied = discovery.PolicyFor(domainExists);
        var findings = new List<ScoreFinding>();
        findings.AddRange(Inheritance(discovery, applied));
        findings.AddRange(DmarcPolicyJudge.Judge(discovery, applied));
        findings.AddRange(DmarcPolicyJudge.Issues(record));
        findings.AddRange(DmarcReportJudge.Judge(record, discovery.PolicyDomain!, discovery.PolicyOrganizationalDomain, destinations));
        var title = applied is null
            ? $"DMARC: record at {discovery.PolicyDomain} without a valid policy"
            : $"DMARC: {applied} at {discovery.PolicyDomain}";
        return Item(title, detail, findings);
    }

    private static IEnumerable<ScoreFinding> Inheritance(DmarcDiscoveryResult discovery, DmarcAppliedPolicy? applied)
    {
        if (!discovery.Inherited)
        {
            yield break;
        }

        var own = new DmarcTreeWalk { Domain = discovery.Domain, Steps = [discovery.Walk.Steps[0]] };
        foreach (var finding in DiscardedRecords(own, ScoreStatus.Warn, $"so {discovery.PolicyDomain}'s record applies instead"))
        {
            yield return finding;
        }

        if (discovery.Record!.Psd == DmarcPsd.Yes)
        {
            var org = discovery.OrganizationalDomain ?? discovery.Domain;
            yield return new ScoreFinding(ScoreStatus.Warn,
                $"Neither {discovery.Domain} nor its organizational domain {org} publishes a DMARC record; the public suffix operator's record at _dmarc.{discovery.PolicyDomain} (psd=y) applies (RFC 9989 §4.10.1).",
                $"Publish your own record at _dmarc.{org}: \"{StartingRecord(org)}\".");
            yield break;
        }

        yield return new ScoreFinding(ScoreStatus.Info,
            $"{discovery.Domain} has no DMARC record of its own; the record at _dmarc.{discovery.PolicyDomain} applies: {applied?.Reason ?? "its organizational domain's record (RFC 9989 §4.10.1)"}.");
    }

    private static string Detail(DmarcDiscoveryResult discovery)
    {
        var parts = new List<string>();
        if (discovery.Record is { } record)
        {
            parts.Add($"Record at _dmarc.{discovery.PolicyDomain}: \"{record.Text}\".");
        }

        if (discovery.OrganizationalDomain is { } org)
        {
            parts.Add($"Organizational domain: {org} (DNS tree walk, RFC 9989 §4.10.2).");
        }

        parts.Add("Looked up: " + string.Join("; ", Lookups(discovery.Walk)) + ".");
        return string.Join(" ", parts);
    }

    /// <summary>Each query of a walk with its answer, for the detail and the event.</summary>
    public static IEnumerable<string> Lookups(DmarcTreeWalk walk) => walk.Steps.Select(s => $"{s.Name}: {s.Answer}");
}
