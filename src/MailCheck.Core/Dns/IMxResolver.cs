namespace MailCheck.Core.Dns;

/// <summary>Finds a domain's mail exchangers and their addresses.</summary>
public interface IMxResolver
{
    /// <summary>
    /// Looks up MX (then A/AAAA for each host, or for the domain itself when there is no MX).
    /// <paramref name="onQuery"/> is called as each query completes, so the transcript shows DNS live.
    /// Never throws for DNS failures: they come back as <see cref="MxLookupStatus.Error"/>.
    /// </summary>
    Task<MxLookup> LookupAsync(string asciiDomain, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken);
}
