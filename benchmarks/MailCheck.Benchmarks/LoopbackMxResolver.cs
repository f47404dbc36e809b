using MailCheck.Core.Dns;

namespace MailCheck.Benchmarks;

/// <summary>Answers every lookup with one MX on a fixed loopback address, so DNS stays out of the measurement.</summary>
internal sealed class LoopbackMxResolver(string address) : IMxResolver
{
    public Task<MxLookup> LookupAsync(string asciiDomain, Action<DnsQueryLog>? onQuery, CancellationToken cancellationToken) =>
        Task.FromResult(new MxLookup(
            asciiDomain,
            MxLookupStatus.Found,
            [new MxHost("mx1." + asciiDomain, 10, [new ResolvedAddress(address, 300)])],
            Implicit: false,
            Reason: null));
}
