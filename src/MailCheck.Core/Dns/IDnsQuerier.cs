namespace MailCheck.Core.Dns;

/// <summary>
/// Sends one DNS query and returns what came back. Never throws for DNS failures (they are a
/// <see cref="DnsAnswer.Status"/>); throws <see cref="OperationCanceledException"/> when cancelled.
/// Every stage of a check queries through its <see cref="CheckDns"/>, which counts, caches and shows each query.
/// </summary>
public interface IDnsQuerier
{
    Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken);
}
