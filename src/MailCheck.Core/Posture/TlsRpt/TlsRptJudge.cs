using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.TlsRpt;

/// <summary>The <c>tlsRpt</c> scorecard item (RFC 8460 §3).</summary>
internal static class TlsRptJudge
{
    public static ScorecardItem Judge(string domain, DnsAnswer answer, IReadOnlyList<string> texts)
    {
        var name = $"_smtp._tls.{domain}";
        var fix = $"Publish TXT at {name}: \"v=TLSRPTv1; rua=mailto:tls-reports@{domain}\".";
        if (answer.Failed)
        {
            return Item("TLS-RPT: could not test", name, answer,
                [new ScoreFinding(ScoreStatus.NotTested, $"Could not test: the query for {name} failed ({answer.Describe()}); a temporary DNS failure is not a missing record.")]);
        }

        var records = texts.Where(TlsRptRecord.IsTlsRptRecord).ToList();
        var findings = texts.Where(t => !TlsRptRecord.IsTlsRptRecord(t) && t.Contains("tlsrpt", StringComparison.OrdinalIgnoreCase))
            .Select(t => new ScoreFinding(ScoreStatus.Warn, $"{name} has \"{Dkim.DkimText.Quote(t)}\", which is not a TLS-RPT record: one must begin with \"v=TLSRPTv1;\", exactly so (RFC 8460 §3).", fix))
            .ToList();
        if (records.Count == 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info,
                $"No TLS-RPT record at {name}: sending servers that fail to set up TLS with your MX hosts (STARTTLS, MTA-STS, DANE) cannot report it to you (RFC 8460 §3).", fix));
            return Item("TLS-RPT: no record", name, answer, findings, fix);
        }

        if (records.Count > 1)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail,
                $"{name} has {records.Count} TLS-RPT records: senders MUST then assume {domain} does not implement TLS-RPT (RFC 8460 §3).", $"Keep exactly one v=TLSRPTv1 record at {name}."));
            return Item($"TLS-RPT: {records.Count} records (none used)", name, answer, findings);
        }

        var record = TlsRptRecord.Parse(records[0]);
        findings.AddRange(record.Problems.Select(p => new ScoreFinding(ScoreStatus.Warn, $"{char.ToUpperInvariant(p[0])}{p[1..]} (RFC 8460 §3).", "Write every field as name=value, separated by \";\".")));
        var usable = record.UsableRua.ToList();
        var unusable = usable.Count == 0 ? ScoreStatus.Fail : ScoreStatus.Warn;
        foreach (var uri in record.Rua.Where(u => !usable.Contains(u)))
        {
            var why = uri.IsValid ? $"RFC 8460 §3 defines only mailto: and https: report URIs, not {uri.Scheme}:" : uri.Problem;
            findings.Add(new ScoreFinding(unusable, $"rua entry \"{Dkim.DkimText.Quote(uri.Text)}\" cannot receive reports: {why} (RFC 8460 §3).", "Write each rua entry as mailto:address@domain or https://host/path."));
        }

        if (record.Rua.Count == 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The record at {name} has no rua=, so no report can be sent (RFC 8460 §3).", fix));
        }
        else if (usable.Count > 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"TLS reports go to {string.Join(", ", usable.Select(u => u.Uri))} (RFC 8460 §3)."));
        }

        var title = usable.Count > 0 ? $"TLS-RPT: reports to {string.Join(", ", usable.Select(u => u.Uri))}" : "TLS-RPT: record without a usable rua";
        return Item(title, name, answer, findings);
    }

    private static ScorecardItem Item(string title, string name, DnsAnswer answer, IReadOnlyList<ScoreFinding> findings, string? fix = null) =>
        ScorecardItem.FromFindings(ScorecardIds.TlsRpt, ScoreArea.Transport, title, $"{name} TXT: {answer.Describe()}.", findings, fix: fix);
}
