using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Findings about a DMARC record's report destinations (RFC 9989 §4.7 rua/ruf, RFC 9990 §4, RFC 9991 §5).</summary>
internal static class DmarcReportJudge
{
    public static IEnumerable<ScoreFinding> Judge(DmarcRecord record, string policyDomain, string? organizationalDomain, IReadOnlyList<DmarcReportDestination> destinations)
    {
        var org = organizationalDomain ?? policyDomain;
        var valid = record.AggregateReports.Where(u => u.IsValid).ToList();
        if (valid.Count == 0)
        {
            var why = record.AggregateReports.Count == 0
                ? "There is no rua= tag"
                : "rua= holds no usable URI";
            yield return new ScoreFinding(ScoreStatus.Warn,
                $"{why}: receivers send no aggregate reports (RFC 9989 §4.7), so you cannot see who sends mail as {policyDomain} or what fails DMARC.",
                $"Add rua=mailto:dmarc-reports@{org} (a mailbox you read) to the record at _dmarc.{policyDomain}.");
        }
        else
        {
            yield return new ScoreFinding(ScoreStatus.Info, $"Aggregate reports are requested at {string.Join(", ", valid.Select(u => u.Uri))} (RFC 9989 §4.7).");
        }

        foreach (var uri in record.AggregateReports.Concat(record.FailureReports).Where(u => u.IsValid && u.Scheme != "mailto"))
        {
            yield return new ScoreFinding(ScoreStatus.Warn,
                $"{uri.Uri}: receivers must support only mailto: for DMARC reports and ignore schemes they do not support (RFC 9989 §4.7), so reports may never arrive there.",
                $"Use a mailto: address instead of {uri.Uri}.");
        }

        foreach (var destination in destinations)
        {
            if (Judge(destination, policyDomain, org) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private static ScoreFinding? Judge(DmarcReportDestination d, string policyDomain, string org)
    {
        var rfc = (d.Aggregate, d.Failure) switch
        {
            (true, true) => "RFC 9990 §4, RFC 9991 §5",
            (false, true) => "RFC 9991 §5",
            _ => "RFC 9990 §4",
        };
        var reports = (d.Aggregate, d.Failure) switch
        {
            (true, true) => "Aggregate and failure reports",
            (false, true) => "Failure reports",
            _ => "Aggregate reports",
        };
        return d.Status switch
        {
            DmarcReportAuthorizationStatus.NotAuthorized => new ScoreFinding(ScoreStatus.Warn,
                $"{reports} to {d.Host} will not be sent: {d.Host} is outside {org} and publishes no v=DMARC1 record at {d.QueryName} to accept reports for {policyDomain} ({rfc}).",
                $"Have {d.Host} publish TXT \"v=DMARC1\" at {d.QueryName}, or send the reports to an address in {org}."),
            DmarcReportAuthorizationStatus.OverrideRejected => new ScoreFinding(ScoreStatus.Warn,
                $"{reports} to {d.Host} will not be sent: its authorization record {d.QueryName} redirects them to {d.Override}, at another host, and then receivers send to neither ({rfc}).",
                $"Ask the operator of {d.Host} to keep the rua= of {d.QueryName} at {d.Host}, or remove it."),
            DmarcReportAuthorizationStatus.NameTooLong => new ScoreFinding(ScoreStatus.Warn,
                $"{reports} to {d.Host} will not be sent: the authorization name {d.QueryName} would exceed DNS limits ({rfc}, step 4).",
                $"Send the reports to an address in {org}, or to a destination with a shorter name."),
            DmarcReportAuthorizationStatus.CouldNotTest => new ScoreFinding(ScoreStatus.NotTested,
                $"Could not test whether {d.Host} accepts reports for {policyDomain}: {d.Detail} ({rfc})."),
            DmarcReportAuthorizationStatus.Authorized => new ScoreFinding(ScoreStatus.Info,
                d.Override is null
                    ? $"{d.Host} is outside {org} and accepts reports for {policyDomain}: {d.Detail} ({rfc})."
                    : $"{d.Host} is outside {org}, accepts reports for {policyDomain} and redirects them to {d.Override} ({rfc}, step 9)."),
            _ => null,
        };
    }
}
