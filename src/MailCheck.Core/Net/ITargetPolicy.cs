using System.Net;

namespace MailCheck.Core.Net;

/// <summary>
/// Decides, before any connection, whether the engine may connect to an address and port.
/// The engine connects only to the exact address it asked about.
/// </summary>
public interface ITargetPolicy
{
    TargetDecision Evaluate(IPAddress address, int port);
}
