using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Findings about a DMARC record's policy tags (RFC 9989 §4.7) and its tag problems.</summary>
internal static class DmarcPolicyJudge
{
    public static IEnumerable<ScoreFinding> Judge(DmarcDiscoveryResult discovery, DmarcAppliedPolicy? applied)
    {
        var record = discovery.Record!;
        var pd = discovery.PolicyDomain!;
        if (record.HasInvalidPolicy)
        {
            var invalid = record.Issues.Where(i => i.Tag is "p" or "sp" or "np" && i.Kind == DmarcIssueKind.Invalid).Select(i => i.Text);
            var consequence = applied is null
                ? "and with no valid rua= either, receivers apply no DMARC processing to this domain's mail (RFC 9989 §4.10.1)"
                : "so receivers act as if the record said p=none, because it lists a valid rua= (RFC 9989 §4.10.1)";
            yield return new ScoreFinding(ScoreStatus.Fail, $"{string.Join("; ", invalid)}: {consequence}.",
                "Set the policy to none, quarantine or reject, e.g. p=quarantine.");
        }
        else if (!record.Has("p"))
        {
            yield return new ScoreFinding(ScoreStatus.Warn,
                "The record has no p= tag: RFC 9989 §4.7 treats it as p=none, but receivers still following RFC 7489, where p is required (§6.3), ignore the whole record.",
                "Add p=none to start with (or p=quarantine / p=reject).");
        }

        if (applied is not null)
        {
            yield return Verdict(discovery, applied);
        }

        if (record.Percent is int pct)
        {
            yield return Percent(record, pct);
        }

        foreach (var finding in Subdomains(discovery))
        {
            yield return finding;
        }

        if (record.Psd == DmarcPsd.Yes && !discovery.Inherited)
        {
            yield return new ScoreFinding(ScoreStatus.Warn,
                $"psd=y declares {pd} a public suffix domain (RFC 9989 §4.7): each of its subdomains becomes its own organizational domain, so their mail no longer aligns with {pd} in relaxed mode (§4.10.2).",
                $"Remove psd=y unless {pd} is a public suffix (a registry under which others register names).");
        }
        else if (record.Psd == DmarcPsd.No)
        {
            yield return new ScoreFinding(ScoreStatus.Info, $"psd=n: {pd} is its own organizational domain (RFC 9989 §4.7).");
        }

        if (record.DkimAlignment == DmarcAlignmentMode.Strict)
        {
            yield return new ScoreFinding(ScoreStatus.Info,
                $"adkim=s: only DKIM signatures by exactly {discovery.Domain} count; a signature by another name of the same organization does not align (RFC 9989 §4.4.1).");
        }

        if (record.SpfAlignment == DmarcAlignmentMode.Strict)
        {
            yield return new ScoreFinding(ScoreStatus.Info,
                $"aspf=s: only a MAIL FROM of exactly {discovery.Domain} counts; a bounce address at another name of the same organization does not align (RFC 9989 §4.4.2).");
        }
    }

    /// <summary>Tag problems other than the policy tags (which <see cref="Judge"/> covers).</summary>
    public static IEnumerable<ScoreFinding> Issues(DmarcRecord record)
    {
        foreach (var issue in record.Issues)
        {
            switch (issue.Kind)
            {
                case DmarcIssueKind.Invalid when issue.Tag is "p" or "sp" or "np" or "pct" or "rua" or "ruf":
                    // Covered by the policy, pct and report findings (rua/ruf problems stay listed below).
                    if (issue.Tag is "rua" or "ruf")
                    {
                        yield return new ScoreFinding(ScoreStatus.Warn, Sentence(issue.Text + " (RFC 9989 §4.8)"), $"Write each {issue.Tag} entry as mailto:address@domain.");
                    }

                    break;
                case DmarcIssueKind.Invalid:
                    yield return new ScoreFinding(ScoreStatus.Warn, Sentence(issue.Text),
                        issue.Tag.Length == 0 ? "Write every tag as tag=value, separated by \";\"." : $"Correct or remove {issue.Tag}=.");
                    break;
                case DmarcIssueKind.Duplicate:
                    yield return new ScoreFinding(ScoreStatus.Warn, Sentence(issue.Text), $"Keep one {issue.Tag}= in the record.");
                    break;
                case DmarcIssueKind.Removed when issue.Tag == "pct":
                    break;
                case DmarcIssueKind.Removed:
                    yield return new ScoreFinding(ScoreStatus.Info, Sentence(issue.Text), $"Remove {issue.Tag}=.");
                    break;
                default:
                    yield return new ScoreFinding(ScoreStatus.Info, Sentence(issue.Text));
                    break;
            }
        }
    }

    private static ScoreFinding Verdict(DmarcDiscoveryResult discovery, DmarcAppliedPolicy applied)
    {
        var domain = discovery.Domain;
        if (applied.Policy == DmarcPolicy.None)
        {
            return new ScoreFinding(ScoreStatus.Warn,
                $"{applied}: monitoring only — receivers take no action on mail from {domain} that fails DMARC (RFC 9989 §3.2.12).",
                "Once your aggregate reports show only your own mail, move to p=quarantine, then to p=reject.");
        }

        if (applied.Testing)
        {
            return new ScoreFinding(ScoreStatus.Warn,
                $"t=y: the policy is being tested, so receivers apply {DmarcAppliedPolicy.Name(applied.Effective)} instead of {DmarcAppliedPolicy.Name(applied.Policy)} to mail from {domain} that fails DMARC (RFC 9989 §4.7).",
                "Remove t=y once the reports show only your own mail.");
        }

        var action = applied.Policy == DmarcPolicy.Reject ? "reject" : "quarantine (treat as suspicious)";
        return new ScoreFinding(ScoreStatus.Pass, $"{applied}: receivers are asked to {action} mail from {domain} that fails DMARC (RFC 9989 §4.7).");
    }

    private static ScoreFinding Percent(DmarcRecord record, int pct)
    {
        if (pct == 100)
        {
            return new ScoreFinding(ScoreStatus.Info, "pct=100 is the old default; RFC 9989 removed the tag (Appendix A.6), so it can go.");
        }

        if (record.Policy is null or DmarcPolicy.None)
        {
            return new ScoreFinding(ScoreStatus.Info, $"pct={pct} has no effect with p=none, and RFC 9989 removed the tag (Appendix A.6).", "Remove pct=.");
        }

        var zero = pct == 0 ? "; many treat pct=0 like t=y (testing)" : "";
        return new ScoreFinding(ScoreStatus.Warn,
            $"pct={pct}: RFC 9989 removed pct (Appendix A.6), but receivers still following RFC 7489 apply {DmarcAppliedPolicy.Name(record.Policy.Value)} to only {pct}% of failing mail{zero}.",
            "Remove pct= (use t=y while testing a stricter policy).");
    }

    private static IEnumerable<ScoreFinding> Subdomains(DmarcDiscoveryResult discovery)
    {
        var record = discovery.Record!;
        var pd = discovery.PolicyDomain!;
        var atOrganizationalDomain = discovery.Inherited || string.Equals(discovery.OrganizationalDomain, pd, StringComparison.Ordinal);
        if (!atOrganizationalDomain)
        {
            if (discovery.OrganizationalDomain is { } org && (record.Has("sp") || record.Has("np")))
            {
                yield return new ScoreFinding(ScoreStatus.Info,
                    $"sp= and np= in the record at _dmarc.{pd} have no effect: subdomains of {pd} without a record of their own take their policy from the organizational domain {org} (RFC 9989 §4.7, §4.10.1).");
            }

            yield break;
        }

        var enforcing = record.Policy is DmarcPolicy.Quarantine or DmarcPolicy.Reject;
        // For a subdomain that inherits the record, the policy verdict above already says what sp=none does to it.
        if (enforcing && record.SubdomainPolicy == DmarcPolicy.None && !discovery.Inherited)
        {
            yield return new ScoreFinding(ScoreStatus.Warn,
                $"sp=none: although p={DmarcAppliedPolicy.Name(record.Policy!.Value)}, receivers take no action on mail from subdomains of {pd} that fails DMARC — anyone can send as anything.{pd} (RFC 9989 §4.7).",
                "Remove sp=none (subdomains then follow p) or set sp=quarantine or sp=reject.");
        }

        if ((enforcing || record.SubdomainPolicy is DmarcPolicy.Quarantine or DmarcPolicy.Reject) && record.NonExistentPolicy == DmarcPolicy.None)
        {
            yield return new ScoreFinding(ScoreStatus.Warn,
                $"np=none: receivers take no action on mail from subdomains of {pd} that do not even exist, such as random.{pd} (RFC 9989 §4.7).",
                "Remove np=none or set np=reject.");
        }
    }

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");
}
