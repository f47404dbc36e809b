using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// DMARC policy discovery and organizational domains by the DNS tree walk of RFC 9989 §4.10: no public suffix list, at
/// most <see cref="MaxQueries"/> queries whatever the name's length, every query through the check's
/// <see cref="CheckDns"/> (budgeted, cached per check, shown in the transcript). Walks for one check share their answers,
/// so discovering a policy and then the organizational domain of an identifier in the same zone costs little.
/// </summary>
public static class DmarcDiscovery
{
    /// <summary>Most queries one tree walk makes (RFC 9989 §4.10).</summary>
    public const int MaxQueries = 8;

    /// <summary>
    /// The domains whose <c>_dmarc</c> names a tree walk from <paramref name="domain"/> asks, in order: the domain itself;
    /// then, for a name of 8 labels or more, its last 7 labels, otherwise its parent; then one label fewer each time down
    /// to the top-level domain (RFC 9989 §4.10 steps 1-7).
    /// </summary>
    public static IReadOnlyList<string> WalkDomains(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var labels = DnsNames.Labels(DnsNames.Normalize(domain));
        var result = new List<string> { string.Join('.', labels) };
        var count = labels.Length >= MaxQueries ? MaxQueries - 1 : labels.Length - 1;
        for (; count >= 1; count--)
        {
            result.Add(string.Join('.', labels[^count..]));
        }

        return result;
    }

    /// <summary>
    /// Walks from <paramref name="domain"/> towards the root, stopping at a single record with <c>psd=y</c> or
    /// <c>psd=n</c> (RFC 9989 §4.10 steps 2 and 6), at the top-level domain, or at the first query that fails.
    /// </summary>
    public static async Task<DmarcTreeWalk> WalkAsync(CheckDns dns, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var start = DnsNames.Normalize(domain);
        var steps = new List<DmarcWalkStep>();
        foreach (var target in WalkDomains(start))
        {
            var step = await QueryAsync(dns, target, cancellationToken).ConfigureAwait(false);
            steps.Add(step);
            if (step.Failed || step.Record?.Psd is DmarcPsd.Yes or DmarcPsd.No)
            {
                break;
            }
        }

        return new DmarcTreeWalk
        {
            Domain = start,
            Steps = steps,
            OrganizationalDomain = steps.Exists(s => s.Failed) ? null : SelectOrganizationalDomain(start, steps),
        };
    }

    /// <summary>
    /// The organizational domain of <paramref name="domain"/> (RFC 9989 §3.2.14), by a tree walk; the walk's
    /// <see cref="DmarcTreeWalk.OrganizationalDomain"/> is null when a query failed.
    /// </summary>
    public static Task<DmarcTreeWalk> OrganizationalDomainAsync(CheckDns dns, string domain, CancellationToken cancellationToken) =>
        WalkAsync(dns, domain, cancellationToken);

    /// <summary>
    /// RFC 9989 §4.10.2: among the records a complete walk found, longest name first, a record with <c>psd=n</c> is the
    /// organizational domain; one with <c>psd=y</c> (other than where the walk started) makes the name one label below it
    /// the organizational domain; otherwise the record with the fewest labels is; with no record at all, the starting
    /// domain is its own organizational domain.
    /// </summary>
    public static string SelectOrganizationalDomain(string domain, IReadOnlyList<DmarcWalkStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var start = DnsNames.Normalize(domain);
        var found = steps.Where(s => s.Record is not null).ToList();
        foreach (var step in found)
        {
            if (step.Record!.Psd == DmarcPsd.No)
            {
                return step.Domain;
            }

            if (step.Record.Psd == DmarcPsd.Yes && !string.Equals(step.Domain, start, StringComparison.Ordinal))
            {
                return DnsNames.Suffix(start, DnsNames.Labels(step.Domain).Length + 1);
            }
        }

        return found.Count > 0 ? found[^1].Domain : start;
    }

    /// <summary>
    /// Finds the DMARC Policy Record for mail whose author domain is <paramref name="domain"/> (RFC 9989 §4.10.1): the
    /// domain's own record; otherwise its organizational domain's; otherwise its public suffix domain's (<c>psd=y</c>).
    /// A failed query makes the result <see cref="DmarcDiscoveryStatus.TemporaryError"/>, never "no record" — except that
    /// a record at the domain itself is usable even when the walk above it failed (its organizational domain is then null).
    /// </summary>
    public static async Task<DmarcDiscoveryResult> DiscoverAsync(CheckDns dns, string domain, CancellationToken cancellationToken)
    {
        var walk = await WalkAsync(dns, domain, cancellationToken).ConfigureAwait(false);
        var start = walk.Domain;
        var own = walk.Steps[0];
        if (own.Failed)
        {
            return Result(walk, DmarcDiscoveryStatus.TemporaryError);
        }

        if (own.Record is { } record)
        {
            return Result(walk, DmarcDiscoveryStatus.Found, record, start);
        }

        if (!walk.Complete)
        {
            return Result(walk, DmarcDiscoveryStatus.TemporaryError);
        }

        var organizational = walk.OrganizationalDomain!;
        if (walk.Steps.FirstOrDefault(s => s.Record is not null && string.Equals(s.Domain, organizational, StringComparison.Ordinal)) is { } org)
        {
            return Result(walk, DmarcDiscoveryStatus.Found, org.Record, org.Domain);
        }

        // A walk stops at a psd tag, so a public suffix domain's record can only be the last one found.
        if (walk.Steps.LastOrDefault(s => s.Record is not null) is { Record.Psd: DmarcPsd.Yes } psd)
        {
            return Result(walk, DmarcDiscoveryStatus.Found, psd.Record, psd.Domain);
        }

        return Result(walk, DmarcDiscoveryStatus.NotFound);
    }

    /// <summary>
    /// Whether <paramref name="domain"/> exists, for <c>np</c> (RFC 9989 §3.2.13, Appendix A.4): any answer but NXDOMAIN
    /// means it does. Asks for MX, which a check has usually asked already (answered from its cache). Null when the query failed.
    /// </summary>
    public static async Task<bool?> DomainExistsAsync(CheckDns dns, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var answer = await dns.QueryAsync(DnsNames.Normalize(domain), DnsRecordType.MX, "dmarc", cancellationToken).ConfigureAwait(false);
        return answer.Failed ? null : !answer.NoSuchName;
    }

    private static async Task<DmarcWalkStep> QueryAsync(CheckDns dns, string target, CancellationToken cancellationToken)
    {
        var name = "_dmarc." + target;
        if (!DnsNames.IsValid(name))
        {
            // Such a name cannot exist in the DNS: asking would only produce an error that looks like a DNS failure.
            return new DmarcWalkStep
            {
                Domain = target,
                Status = DnsResponseStatus.NxDomain,
                Answer = "not asked: the name is not a valid DNS name (labels of at most 63 octets, at most 253 in all; RFC 1035 §2.3.4), so no record can exist there",
            };
        }

        var answer = await dns.QueryAsync(name, DnsRecordType.TXT, "dmarc", cancellationToken).ConfigureAwait(false);
        return DmarcWalkStep.From(target, answer);
    }

    private static DmarcDiscoveryResult Result(DmarcTreeWalk walk, DmarcDiscoveryStatus status, DmarcRecord? record = null, string? policyDomain = null) => new()
    {
        Domain = walk.Domain,
        Status = status,
        Record = record,
        PolicyDomain = policyDomain,
        OrganizationalDomain = walk.OrganizationalDomain,
        Walk = walk,
    };
}
