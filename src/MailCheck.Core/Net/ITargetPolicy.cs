using System.Net;

namespace MailCheck.Core.Net;

/// <summary>
/// Decides, before any connection, whether the engine may connect to an address and port.
/// The engine connects only to the exact address it asked about.
/// </summary>
public interface ITargetPolicy
{
    TargetDecision Evaluate(IPAddress address, int port);

    /// <summary>
    /// The address alone, for connections whose port MailCheck fixes itself rather than the request (the MTA-STS policy
    /// fetch on 443): a name a domain points to passes the same address rules as its MX hosts.
    /// </summary>
    TargetDecision EvaluateAddress(IPAddress address);
}
