using System.Net;

namespace MailCheck.Core.Dns;

/// <summary>An address from an A or AAAA record.</summary>
/// <param name="Address">The address in its canonical text form.</param>
/// <param name="Ttl">The record's TTL in seconds.</param>
public sealed record ResolvedAddress(string Address, int Ttl)
{
    public IPAddress ToIPAddress() => IPAddress.Parse(Address);
}
