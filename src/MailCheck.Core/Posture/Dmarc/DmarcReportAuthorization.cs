using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// Verifies external report destinations (RFC 9990 §4 for <c>rua</c>, RFC 9991 §5 for <c>ruf</c>): when a URI's host is
/// not in the organizational domain of the domain that published the policy, receivers send reports there only if the
/// host publishes a <c>v=DMARC1</c> TXT record at <c>&lt;policy domain&gt;._report._dmarc.&lt;host&gt;</c>. Each host is
/// checked once, however many URIs point to it.
/// </summary>
public static class DmarcReportAuthorization
{
    /// <param name="dns">The check's DNS.</param>
    /// <param name="policyDomain">The domain whose <c>_dmarc</c> record lists the URIs.</param>
    /// <param name="policyOrganizationalDomain">The organizational domain of <paramref name="policyDomain"/>.</param>
    /// <param name="record">The record whose <c>rua</c> and <c>ruf</c> are checked (invalid URIs are skipped).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static async Task<IReadOnlyList<DmarcReportDestination>> CheckAsync(
        CheckDns dns, string policyDomain, string policyOrganizationalDomain, DmarcRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(record);
        var policy = DnsNames.Normalize(policyDomain);
        var org = DnsNames.Normalize(policyOrganizationalDomain);
        var uris = record.AggregateReports.Where(u => u.Host is not null).Select(u => (Tag: "rua", Uri: u))
            .Concat(record.FailureReports.Where(u => u.Host is not null).Select(u => (Tag: "ruf", Uri: u)));
        var result = new List<DmarcReportDestination>();
        foreach (var group in uris.GroupBy(u => u.Uri.Host!, StringComparer.Ordinal))
        {
            var destination = new DmarcReportDestination
            {
                Host = group.Key,
                Uris = [.. group.Select(u => $"{u.Tag}={u.Uri.Uri}")],
                Aggregate = group.Any(u => u.Tag == "rua"),
                Failure = group.Any(u => u.Tag == "ruf"),
                Status = DmarcReportAuthorizationStatus.Internal,
            };
            result.Add(await CheckHostAsync(dns, policy, org, destination, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private static async Task<DmarcReportDestination> CheckHostAsync(CheckDns dns, string policy, string org, DmarcReportDestination destination, CancellationToken cancellationToken)
    {
        var host = destination.Host;

        // A host outside the organizational domain cannot share it (a name's organizational domain is itself or an
        // ancestor); a host inside it usually does, but a psd record between them can make it its own: walk to be sure.
        if (DnsNames.IsSameOrBelow(host, org))
        {
            var walk = await DmarcDiscovery.OrganizationalDomainAsync(dns, host, cancellationToken).ConfigureAwait(false);
            if (walk.OrganizationalDomain is null)
            {
                var failed = walk.FailedStep!;
                return destination with
                {
                    Status = DmarcReportAuthorizationStatus.CouldNotTest,
                    Detail = $"the organizational domain of {host} is unknown: the query for {failed.Name} failed ({failed.Answer})",
                };
            }

            if (string.Equals(walk.OrganizationalDomain, org, StringComparison.Ordinal))
            {
                return destination with { Detail = $"{host} is in {org}, the organizational domain of {policy}: no authorization needed" };
            }
        }

        var name = $"{policy}._report._dmarc.{host}";
        if (!DnsNames.IsValid(name))
        {
            return destination with
            {
                Status = DmarcReportAuthorizationStatus.NameTooLong,
                QueryName = name,
                Detail = $"{name} exceeds DNS limits (RFC 1035 §2.3.4), so no authorization can be published (RFC 9990 §4 step 4)",
            };
        }

        var answer = await dns.QueryAsync(name, DnsRecordType.TXT, "dmarc", cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return destination with { Status = DmarcReportAuthorizationStatus.CouldNotTest, QueryName = name, Detail = $"{name} TXT: {answer.Describe()}" };
        }

        var authorizing = answer.Records.Select(r => r.Text ?? "").Where(DmarcRecord.IsDmarcRecord).ToList();
        if (authorizing.Count == 0)
        {
            return destination with
            {
                Status = DmarcReportAuthorizationStatus.NotAuthorized,
                QueryName = name,
                Detail = $"{name} TXT: {answer.Describe()} — no v=DMARC1 record",
            };
        }

        // RFC 9990 §4 step 9: a rua in the authorization record replaces the destination, but only at the same host.
        var overriding = authorizing.Select(DmarcRecord.Parse).FirstOrDefault(r => r is not null && r.AggregateReports.Count > 0);
        if (overriding is not null)
        {
            var text = string.Join(",", overriding.AggregateReports.Select(u => u.Uri));
            var sameHost = overriding.AggregateReports.All(u => string.Equals(u.Host, host, StringComparison.Ordinal));
            return destination with
            {
                Status = sameHost ? DmarcReportAuthorizationStatus.Authorized : DmarcReportAuthorizationStatus.OverrideRejected,
                QueryName = name,
                Override = text,
                Detail = $"{name} TXT: \"{DmarcRecord.Quote(authorizing[0])}\"",
            };
        }

        return destination with { Status = DmarcReportAuthorizationStatus.Authorized, QueryName = name, Detail = $"{name} TXT: \"{DmarcRecord.Quote(authorizing[0])}\"" };
    }
}
