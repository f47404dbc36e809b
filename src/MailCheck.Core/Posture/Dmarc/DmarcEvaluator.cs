using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// The receiver's side of DMARC (RFC 9989 §5.3): given a message's author domain and the identifiers SPF and DKIM
/// authenticated, finds the policy, checks alignment and gives the result and the policy that applies. Used to say how
/// receivers judge MailCheck's own test message, and to judge incoming mail.
/// </summary>
public static class DmarcEvaluator
{
    public static async Task<DmarcVerdict> EvaluateAsync(CheckDns dns, DmarcIdentifiers identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(identifiers);
        var discovery = await DmarcDiscovery.DiscoverAsync(dns, identifiers.AuthorDomain, cancellationToken).ConfigureAwait(false);
        var domain = discovery.Domain;
        if (discovery.Status == DmarcDiscoveryStatus.TemporaryError)
        {
            var failed = discovery.Walk.FailedStep!;
            return new DmarcVerdict
            {
                Result = DmarcResult.TempError,
                Discovery = discovery,
                Summary = $"DMARC could not be evaluated for {domain}: the query for {failed.Name} failed ({failed.Answer}), so the message neither passes nor fails (RFC 9989 §5.3.6)",
            };
        }

        if (discovery.Status == DmarcDiscoveryStatus.NotFound)
        {
            return new DmarcVerdict
            {
                Result = DmarcResult.None,
                Discovery = discovery,
                Summary = $"{domain} publishes no DMARC record, so DMARC does not apply to its mail (RFC 9989 §4.10.1)",
            };
        }

        var exists = identifiers.AuthorDomainExists;
        if (exists is null && discovery.Inherited)
        {
            exists = await DmarcDiscovery.DomainExistsAsync(dns, domain, cancellationToken).ConfigureAwait(false);
        }

        var policy = discovery.PolicyFor(exists);
        if (policy is null)
        {
            return new DmarcVerdict
            {
                Result = DmarcResult.PermError,
                Discovery = discovery,
                Summary = $"the DMARC record at _dmarc.{discovery.PolicyDomain} has no valid policy and no valid rua, so receivers apply no DMARC processing (RFC 9989 §4.10.1)",
            };
        }

        var record = discovery.Record!;
        DmarcAlignmentCheck? spf = null;
        if (!string.IsNullOrWhiteSpace(identifiers.SpfDomain))
        {
            spf = await DmarcAlignment.CheckAsync(dns, domain, identifiers.SpfDomain, record.SpfAlignment, cancellationToken).ConfigureAwait(false);
        }

        var dkim = new List<DmarcAlignmentCheck>();
        foreach (var d in identifiers.DkimDomains.Select(DnsNames.Normalize).Distinct(StringComparer.Ordinal))
        {
            dkim.Add(await DmarcAlignment.CheckAsync(dns, domain, d, record.DkimAlignment, cancellationToken).ConfigureAwait(false));
        }

        var all = dkim.Prepend(spf).OfType<DmarcAlignmentCheck>().ToList();
        var where = $"{domain} ({policy})";
        string summary;
        DmarcResult result;
        if (all.FirstOrDefault(a => a.Aligned == true) is { } pass)
        {
            result = DmarcResult.Pass;
            summary = $"passes DMARC at {where}: {(ReferenceEquals(pass, spf) ? "the SPF" : "the DKIM")} identifier {pass.Explanation}";
        }
        else if (all.FirstOrDefault(a => a.Aligned is null) is { } unknown)
        {
            result = DmarcResult.TempError;
            summary = $"DMARC at {where} could not be decided: {unknown.Explanation}; RFC 9989 §5.3.6";
        }
        else
        {
            result = DmarcResult.Fail;
            summary = all.Count == 0
                ? $"fails DMARC at {where}: neither SPF nor DKIM authenticated an identifier (RFC 9989 §5.3.5)"
                : $"fails DMARC at {where}: no authenticated identifier aligns with {domain} — {string.Join("; ", all.Select(a => a.Explanation))} (RFC 9989 §5.3.5)";
        }

        return new DmarcVerdict { Result = result, Discovery = discovery, Policy = policy, Spf = spf, Dkim = dkim, Summary = summary };
    }
}
