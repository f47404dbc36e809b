using System.Net;

namespace MailCheck.Core.Net;

/// <summary>Allows every target. For tests and trusted lab use only.</summary>
public sealed class AllowAllTargetPolicy : ITargetPolicy
{
    public static AllowAllTargetPolicy Instance { get; } = new();

    public TargetDecision Evaluate(IPAddress address, int port) => TargetDecision.Allow;

    public TargetDecision EvaluateAddress(IPAddress address) => TargetDecision.Allow;
}
