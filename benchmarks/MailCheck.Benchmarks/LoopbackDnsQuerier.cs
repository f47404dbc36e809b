using MailCheck.Core.Dns;

namespace MailCheck.Benchmarks;

/// <summary>Answers every MX query with one host and its A query with a fixed loopback address, so DNS stays out of the measurement.</summary>
internal sealed class LoopbackDnsQuerier(string address) : IDnsQuerier
{
    public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        DnsRecord[] records = type switch
        {
            DnsRecordType.MX => [new DnsRecord { Name = name, Type = type, Ttl = 300, Data = "10 mx1." + name, Target = "mx1." + name, Preference = 10 }],
            DnsRecordType.A => [new DnsRecord { Name = name, Type = type, Ttl = 300, Data = address, Address = address }],
            _ => [],
        };
        return Task.FromResult(new DnsAnswer { Name = name, Type = type, Status = DnsResponseStatus.NoError, Records = records });
    }
}
