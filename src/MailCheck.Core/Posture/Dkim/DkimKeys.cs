using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// Fetches DKIM key records through the check's <see cref="CheckDns"/> (RFC 6376 §3.6.2.1: <c>&lt;selector&gt;._domainkey.&lt;d&gt;</c>
/// TXT), following CNAMEs as the resolver does (Microsoft 365, SendGrid and others publish their keys that way).
/// Used by the posture stage and, later, by whatever verifies a received signature.
/// </summary>
public static class DkimKeys
{
    public static async Task<DkimKeyLookup> LookupAsync(CheckDns dns, string selector, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var name = $"{selector}._domainkey.{domain}";
        var answer = await dns.QueryAsync(name, DnsRecordType.TXT, "dkim", cancellationToken).ConfigureAwait(false);
        var cnames = answer.Cnames.Select(c => $"{c.Name} → {c.Target}").ToList();
        var target = answer.Cnames.Count > 0 ? answer.Cnames[^1].Target : null;
        if (answer.Failed)
        {
            return new DkimKeyLookup { Selector = selector, Domain = domain, Status = DkimLookupStatus.Failed, Answer = answer.Describe(), Cnames = cnames, CnameTarget = target };
        }

        var texts = answer.Records.Where(r => r.Type == DnsRecordType.TXT).Select(r => r.Text ?? "").ToList();
        var records = texts.Select(DkimKeyRecord.Parse).ToList();
        var keys = records.Where(r => r.IsKeyRecord).ToList();
        var record = keys.FirstOrDefault() ?? records.FirstOrDefault();
        var status = texts.Count == 0 ? DkimLookupStatus.NotFound : keys.Count == 0 ? DkimLookupStatus.NotKey : DkimLookupStatus.Found;
        return new DkimKeyLookup
        {
            Selector = selector,
            Domain = domain,
            Status = status,
            Answer = answer.Describe(),
            Cnames = cnames,
            CnameTarget = target,
            Records = texts,
            Record = record,
            Key = status == DkimLookupStatus.Found && record!.HasPublicKey && !record.Revoked ? DkimKeyInspector.Inspect(record) : null,
            KeyRecordCount = keys.Count,
        };
    }
}
