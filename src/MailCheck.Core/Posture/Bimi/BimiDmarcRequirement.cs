using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Bimi;

/// <summary>
/// BIMI's authentication requirements (draft-brand-indicators-for-message-identification §7.1, steps 7-9): DMARC at
/// enforcement — not p=none, no sp=none, pct=100 when pct is given — and, under RFC 9989, no t=y (which asks receivers
/// to apply one level less, §4.7). Read from the DMARC stage's result.
/// </summary>
internal static class BimiDmarcRequirement
{
    private const string Section = BimiRecord.Draft + " §7.1";

    public static ScoreFinding Judge(DmarcDiscoveryResult? discovery, string domain)
    {
        const string fix = "Move DMARC to p=quarantine or p=reject, without sp=none, pct below 100 or t=y.";
        if (discovery is null)
        {
            return new ScoreFinding(ScoreStatus.Info, $"Whether DMARC is at enforcement, as BIMI requires ({Section}), is unknown: the DMARC step did not finish.");
        }

        switch (discovery.Status)
        {
            case DmarcDiscoveryStatus.TemporaryError:
                return new ScoreFinding(ScoreStatus.NotTested, $"Could not test whether DMARC is at enforcement, as BIMI requires ({Section}): the DMARC lookup failed.");
            case DmarcDiscoveryStatus.NotFound:
                return new ScoreFinding(ScoreStatus.Warn, $"BIMI requires DMARC at quarantine or reject ({Section}), and {domain} has no DMARC record: receivers will show no logo.", fix);
        }

        var reasons = Reasons(discovery).ToList();
        if (reasons.Count > 0)
        {
            return new ScoreFinding(ScoreStatus.Warn,
                $"BIMI requires DMARC at enforcement ({Section}), but {string.Join(", and ", reasons)}: receivers will show no logo.", fix);
        }

        return new ScoreFinding(ScoreStatus.Info, $"DMARC is at enforcement ({discovery.PolicyFor(true)} at {discovery.PolicyDomain}), as BIMI requires ({Section}).");
    }

    private static IEnumerable<string> Reasons(DmarcDiscoveryResult discovery)
    {
        var record = discovery.Record!;
        var pd = discovery.PolicyDomain;
        var applied = discovery.PolicyFor(true);
        if (applied is null)
        {
            yield return $"the record at _dmarc.{pd} has no valid policy (step 7)";
        }
        else if (record.Policy is null or DmarcPolicy.None)
        {
            yield return $"the record at _dmarc.{pd} has p=none (step 7)";
        }

        if (record.SubdomainPolicy == DmarcPolicy.None)
        {
            yield return "it has sp=none (step 8)";
        }

        if (record.Percent is < 100 and var pct)
        {
            yield return $"it has pct={pct}, not 100 (step 9)";
        }

        if (applied is { Testing: true } && applied.Policy != DmarcPolicy.None)
        {
            yield return $"its t=y asks receivers to apply {DmarcAppliedPolicy.Name(applied.Effective)} instead of {DmarcAppliedPolicy.Name(applied.Policy)} (RFC 9989 §4.7)";
        }

        // Step 7 names the organizational domain's policy too, when it is not the record that applies.
        if (discovery.OrganizationalDomain is { } org && org != pd
            && discovery.Walk.Steps.FirstOrDefault(s => s.Domain == org)?.Record is { } orgRecord
            && orgRecord.Policy is null or DmarcPolicy.None)
        {
            yield return $"the organizational domain {org} has p=none (step 7)";
        }
    }
}
