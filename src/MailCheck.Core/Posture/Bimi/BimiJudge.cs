using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Bimi;

/// <summary>The <c>bimi</c> scorecard item: information and warnings only, never a failure (BIMI is optional).</summary>
internal static class BimiJudge
{
    private const string Draft = BimiRecord.Draft;

    public static ScorecardItem CouldNotTest(string name, DnsAnswer answer) => Item("BIMI: could not test", $"{name} TXT: {answer.Describe()}.",
        [new ScoreFinding(ScoreStatus.NotTested, $"Could not test: the query for {name} failed ({answer.Describe()}).")]);

    public static ScorecardItem NoRecord(string domain, IReadOnlyList<string> asked, string detail) => Item("BIMI: no record", detail,
        [new ScoreFinding(ScoreStatus.Info, $"No BIMI record at {string.Join(" or ", asked)}: BIMI is optional; it lets mailbox providers show your logo next to mail from {domain} that passes DMARC ({Draft} §4.3).")]);

    public static ScorecardItem Judge(string domain, string name, IReadOnlyList<string> records, bool inherited, DmarcDiscoveryResult? dmarc, string detail)
    {
        var fix = $"Publish one record at default._bimi.{domain}: \"v=BIMI1; l=https://<host>/logo.svg; a=https://<host>/certificate.pem\".";
        if (records.Count > 1)
        {
            return Item("BIMI: several records (none used)", detail,
                [new ScoreFinding(ScoreStatus.Warn, $"{name} has {records.Count} BIMI records: receivers then use none ({Draft} §7.2, step 8).", $"Keep one v=BIMI1 record at {name}.")]);
        }

        var record = BimiRecord.Parse(records[0]);
        var findings = new List<ScoreFinding>();
        if (inherited)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"{domain} has no BIMI record of its own; the organizational domain's record at {name} applies ({Draft} §7.2, step 6)."));
        }

        if (record.Declined)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"The record at {name} declines BIMI: l= and a= are empty ({Draft} §4.3.1)."));
            return Item("BIMI: declined", detail, findings);
        }

        findings.AddRange(record.Problems.Select(p => new ScoreFinding(ScoreStatus.Warn, $"{char.ToUpperInvariant(p[0])}{p[1..]}.", fix)));
        if (!string.IsNullOrEmpty(record.Location))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"Logo: {record.Location} (MailCheck does not fetch it; {Draft} §4.3)."));
        }

        findings.Add(string.IsNullOrEmpty(record.Evidence)
            ? new ScoreFinding(ScoreStatus.Info, $"No mark certificate (a= is empty): several large mailbox providers show a logo only with a Verified or Common Mark Certificate ({Draft} §3.5).")
            : new ScoreFinding(ScoreStatus.Info, $"Mark certificate: {record.Evidence} (MailCheck does not fetch it; {Draft} §3.5)."));
        findings.Add(BimiDmarcRequirement.Judge(dmarc, domain));
        return Item($"BIMI: record at {name}", detail, findings);
    }

    private static ScorecardItem Item(string title, string detail, IReadOnlyList<ScoreFinding> findings) =>
        ScorecardItem.FromFindings(ScorecardIds.Bimi, ScoreArea.Authentication, title, detail, findings);
}
