namespace MailCheck.Core.Net;

/// <summary>A target policy's answer; <see cref="Reason"/> reads like "127.0.0.1 is in 127.0.0.0/8 (loopback)".</summary>
public sealed record TargetDecision(bool Allowed, string? Reason)
{
    public static TargetDecision Allow { get; } = new(true, null);

    public static TargetDecision Block(string reason) => new(false, reason);
}
