using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// Reads a domain's SPF as a receiver would for a sender its record does not list — every DNS-querying term evaluated,
/// every include and redirect followed — and counts the DNS lookups and void lookups (RFC 7208 §4.6.4). Terms whose
/// target depends on the sending address (macros such as <c>%{i}</c>, and <c>ptr</c>) count as one lookup and are not
/// followed. Every query goes through the check's <see cref="CheckDns"/> (purpose "spf").
/// </summary>
public static class SpfAnalyzer
{
    /// <summary>
    /// Terms MailCheck follows with queries before it stops (three times the limit of 10: enough to say by how much a
    /// domain is over it, while a hostile tree cannot use up the check's DNS budget).
    /// </summary>
    public const int MaxFollowedLookups = 30;

    public static async Task<SpfAnalysis> AnalyzeAsync(CheckDns dns, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var lookup = await SpfRecordLookup.FetchAsync(dns, domain, cancellationToken).ConfigureAwait(false);
        if (lookup.Status != SpfLookupStatus.Found)
        {
            return new SpfAnalysis { Domain = domain, Lookup = lookup, Complete = lookup.Status != SpfLookupStatus.Failed };
        }

        if (!SpfRecord.TryParse(lookup.Record!, out var record, out var error))
        {
            return new SpfAnalysis { Domain = domain, Lookup = lookup, SyntaxError = error };
        }

        var walker = new SpfTreeWalker(dns, domain);
        var children = await walker.WalkAsync(record, domain, [domain], cancellationToken).ConfigureAwait(false);
        var tree = new SpfTreeNode
        {
            Kind = SpfNodeKind.Domain,
            Term = domain,
            Domain = domain,
            Target = domain,
            Record = record.Text,
            Lookups = children.Sum(c => c.Lookups),
            Children = children,
        };
        return new SpfAnalysis
        {
            Domain = domain,
            Lookup = lookup,
            Record = record,
            Tree = tree,
            DnsLookups = walker.Lookups,
            VoidLookups = walker.Voids,
            Complete = walker.Complete,
        };
    }
}
