using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// The verdicts about a domain's MTA-STS record, policy fetch and policy (RFC 8461 §3): what a sender gets before it
/// looks at any MX. A record that announces a policy senders cannot get is a failure — senders then silently deliver
/// as if the domain had none (§3.3) — a policy without a record a warning, no MTA-STS at all only information.
/// </summary>
public static class MtaStsPolicyJudge
{
    private const string NoPolicy = "senders then silently act as if the domain had no MTA-STS policy";

    public static MtaStsPolicyVerdict Judge(MtaStsDiscovery discovery, TimeSpan fetchTimeout)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var d = discovery;
        var findings = new List<ScoreFinding>();
        var txtFix = $"Publish one TXT record at {d.TxtName}: \"v=STSv1; id=20250101T000000\" (change the id whenever the policy changes).";
        if (d.TxtAnswer.Failed)
        {
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"Could not test: the query for {d.TxtName} failed ({d.TxtAnswer.Describe()}); a temporary DNS failure is not a missing record."));
            return new MtaStsPolicyVerdict("MTA-STS: could not test", findings, null);
        }

        var sts = d.StsRecords;
        foreach (var nearMiss in d.TxtRecords.Where(MtaStsRecord.IsNearMiss))
        {
            findings.Add(new ScoreFinding(
                sts.Count == 0 ? ScoreStatus.Fail : ScoreStatus.Warn,
                $"{d.TxtName} has \"{DkimText.Quote(nearMiss)}\", which senders discard: an MTA-STS record must begin with \"v=STSv1;\", exactly so (RFC 8461 §3.1).",
                txtFix));
        }

        if (sts.Count == 0)
        {
            return NoRecord(d, findings, txtFix);
        }

        if (sts.Count > 1)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail,
                $"{d.TxtName} has {sts.Count} records beginning with v=STSv1: when there is not exactly one, senders MUST assume the domain has no policy (RFC 8461 §3.1).",
                $"Keep exactly one v=STSv1 record at {d.TxtName}."));
            return new MtaStsPolicyVerdict($"MTA-STS: {sts.Count} TXT records (senders use none)", findings, null);
        }

        var record = d.Record!;
        foreach (var problem in record.Problems)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The record at {d.TxtName} is invalid: {problem}; {NoPolicy} (RFC 8461 §3.1).", txtFix));
        }

        findings.AddRange(record.Notes.Select(n => new ScoreFinding(ScoreStatus.Info, $"In {d.TxtName}: {n} (RFC 8461 §3.1).")));
        if (!record.IsValid)
        {
            return new MtaStsPolicyVerdict("MTA-STS: invalid TXT record (senders use no policy)", findings, null);
        }

        findings.Add(new ScoreFinding(ScoreStatus.Pass, $"{d.TxtName} announces a policy with id {record.Id} (RFC 8461 §3.1)."));
        return WithRecord(d, findings, fetchTimeout);
    }

    private static MtaStsPolicyVerdict NoRecord(MtaStsDiscovery d, List<ScoreFinding> findings, string txtFix)
    {
        if (d.Fetch is { Succeeded: true } fetch)
        {
            var mode = d.Policy?.Mode is { } m ? $" (mode {MtaStsPolicy.Name(m)})" : "";
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"A policy is published at {fetch.Url}{mode}, but {d.TxtName} has no v=STSv1 TXT record: senders look for the record first and never fetch the policy (RFC 8461 §3.1, §3.3).",
                txtFix));
            return new MtaStsPolicyVerdict("MTA-STS: policy published without its TXT record", findings, null);
        }

        if (findings.Count == 0)
        {
            var policyHost = d.Fetch is null ? "" : $" ({d.Fetch.Error ?? "no policy"} at {d.Fetch.Host})";
            findings.Add(new ScoreFinding(ScoreStatus.Info,
                $"No MTA-STS: {d.TxtName} has no v=STSv1 record{policyHost}, so senders use opportunistic TLS and deliver even when TLS is stripped or the certificate is wrong (RFC 8461 §1, §3.1).",
                "To require authenticated TLS from senders: serve a policy at https://mta-sts." + d.Domain + "/.well-known/mta-sts.txt (mode: testing first) and publish " + txtFix["Publish ".Length..]));
        }

        return new MtaStsPolicyVerdict(findings.Exists(f => f.Status == ScoreStatus.Fail) ? "MTA-STS: TXT record discarded (senders use no policy)" : "MTA-STS: not published", findings, null);
    }

    private static MtaStsPolicyVerdict WithRecord(MtaStsDiscovery d, List<ScoreFinding> findings, TimeSpan fetchTimeout)
    {
        var fetch = d.Fetch!;
        var fix = $"Serve the policy at {fetch.Url} directly: status 200, Content-Type text/plain, no redirect, a certificate for {fetch.Host} from a public CA.";
        var failed = FetchFinding(fetch, fix, fetchTimeout);
        if (failed is not null)
        {
            findings.Add(failed);
            var title = failed.Status == ScoreStatus.NotTested ? "MTA-STS: policy not fetched (not tested)" : "MTA-STS: TXT record present but the policy cannot be fetched";
            if (fetch.Status == MtaStsFetchStatus.WrongContentType && d.Policy is { } typed)
            {
                AddPolicyFindings(d, typed, findings);
            }

            return new MtaStsPolicyVerdict(title, findings, null);
        }

        var certificate = fetch.Certificate is { TrustedByExtraCa: true } ? ", certificate trusted through MailCheck:Tls:ExtraTrustedCaFile only" : ", certificate valid";
        findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The policy was fetched from {fetch.Url} ({fetch.Address}): 200, {fetch.ContentType}{certificate} (RFC 8461 §3.3)."));
        if (fetch.Note is not null)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn, $"The policy's {fetch.Note}.", "Serve it as Content-Type: text/plain; charset=utf-8."));
        }

        var policy = d.Policy!;
        AddPolicyFindings(d, policy, findings);
        if (!policy.IsValid)
        {
            return new MtaStsPolicyVerdict("MTA-STS: invalid policy (senders use none)", findings, null);
        }

        var modeName = MtaStsPolicy.Name(policy.Mode!.Value);
        return policy.Mode switch
        {
            MtaStsMode.None => new MtaStsPolicyVerdict("MTA-STS: mode none (no active policy)", findings, null),
            _ => new MtaStsPolicyVerdict($"MTA-STS {modeName}", findings, policy.Mode),
        };
    }

    private static ScoreFinding? FetchFinding(MtaStsFetch fetch, string fix, TimeSpan fetchTimeout)
    {
        var error = fetch.Error ?? fetch.Status.ToString();
        return fetch.Status switch
        {
            MtaStsFetchStatus.Fetched => null,
            MtaStsFetchStatus.DnsFailed or MtaStsFetchStatus.Blocked => new ScoreFinding(ScoreStatus.NotTested, $"Could not test the policy: {error}."),
            MtaStsFetchStatus.NoPolicyHost => new ScoreFinding(ScoreStatus.Fail,
                $"The TXT record announces a policy, but {error}: {NoPolicy} (RFC 8461 §3.3).", $"Publish {fetch.Host} (A/AAAA) and serve the policy at {fetch.Url}."),
            MtaStsFetchStatus.Redirect => new ScoreFinding(ScoreStatus.Fail,
                $"Fetching {fetch.Url}: {error}. HTTP 3xx redirects MUST NOT be followed (RFC 8461 §3.3): {NoPolicy}.", fix),
            MtaStsFetchStatus.WrongContentType => new ScoreFinding(ScoreStatus.Fail,
                $"{error}. The media type MUST be text/plain and senders validate it (RFC 8461 §3.2): {NoPolicy}.", $"Serve {fetch.Url} with Content-Type: text/plain."),
            MtaStsFetchStatus.TooLarge => new ScoreFinding(ScoreStatus.Fail,
                $"Fetching {fetch.Url}: {error}. Senders limit the body, RFC 8461 §3.3 suggests to 64 KiB: {NoPolicy}.", "Serve the policy itself: a few lines of text."),
            MtaStsFetchStatus.CertificateInvalid => new ScoreFinding(ScoreStatus.Fail,
                $"Fetching {fetch.Url}: {error}. The policy host MUST present a certificate valid for {fetch.Host} that chains to a trusted root (RFC 8461 §3.3): {NoPolicy}.",
                $"Give {fetch.Host} a certificate for that name from a public CA (e.g. Let's Encrypt)."),
            MtaStsFetchStatus.Timeout => new ScoreFinding(fetchTimeout >= TimeSpan.FromMinutes(1) ? ScoreStatus.Fail : ScoreStatus.Warn,
                $"Fetching {fetch.Url}: {error} (MailCheck:MtaSts:FetchTimeout). RFC 8461 §3.3 suggests senders allow about a minute, so patient senders may still get it; impatient ones get no policy.",
                $"Make {fetch.Host} answer within a few seconds."),
            _ => new ScoreFinding(ScoreStatus.Fail, $"Fetching {fetch.Url}: {error}; {NoPolicy} (RFC 8461 §3.3).", fix),
        };
    }

    private static void AddPolicyFindings(MtaStsDiscovery d, MtaStsPolicy policy, List<ScoreFinding> findings)
    {
        var fix = $"Fix the policy at {d.Fetch!.Url}: lines \"version: STSv1\", \"mode: enforce\", \"mx: <your MX host>\", \"max_age: 604800\".";
        findings.AddRange(policy.Problems.Select(p => new ScoreFinding(ScoreStatus.Fail, $"The policy is invalid: {p}; {NoPolicy} (RFC 8461 §3.2).", fix)));
        findings.AddRange(policy.Warnings.Select(w => new ScoreFinding(ScoreStatus.Warn, $"In the policy: {w} (RFC 8461 §3.2).", fix)));
        if (policy.Extensions.Count > 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info,
                $"The policy has field(s) MTA-STS does not define, which senders ignore: {string.Join(", ", policy.Extensions.Select(e => e.Name))} (RFC 8461 §3.2)."));
        }

        if (policy.MaxAge is { } maxAge && maxAge < MtaStsPolicy.ShortMaxAge && policy.Mode is not MtaStsMode.None)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"max_age is {maxAge} seconds, under a day: senders forget the policy that soon, so an attacker who blocks the next fetch gets opportunistic TLS again. RFC 8461 §3.2 expects weeks or more.",
                "Once the policy works, set max_age: 1209600 (two weeks) or more."));
        }

        switch (policy.Mode)
        {
            case MtaStsMode.Testing:
                findings.Add(new ScoreFinding(ScoreStatus.Info,
                    "Mode testing: senders check each delivery against the policy and report failures (TLS-RPT, RFC 8460) but deliver anyway (RFC 8461 §5).",
                    "When the reports are clean, switch to mode: enforce (and change the TXT id)."));
                break;
            case MtaStsMode.None:
                findings.Add(new ScoreFinding(ScoreStatus.Info, "Mode none: senders treat the domain as having no active policy (RFC 8461 §5); this is how a policy is withdrawn."));
                break;
        }
    }
}
