using System.Net;

namespace MailCheck.Core.Posture.ReverseDns;

/// <summary>What the reverse DNS of an address showed.</summary>
/// <param name="Address">The address looked up.</param>
/// <param name="PtrNames">The names its PTR records give.</param>
/// <param name="ConfirmedName">The first PTR name whose A/AAAA records include the address, when one does.</param>
/// <param name="Failure">Why the answer is unknown (SERVFAIL, timeout, budget), when a lookup failed and nothing was confirmed.</param>
public sealed record ReverseDnsResult(IPAddress Address, IReadOnlyList<string> PtrNames, string? ConfirmedName, string? Failure)
{
    public bool ForwardConfirmed => ConfirmedName is not null;

    /// <summary>True when nothing can be said: the PTR lookup failed, or no name was confirmed and a forward lookup failed.</summary>
    public bool Unknown => Failure is not null && ConfirmedName is null;
}
