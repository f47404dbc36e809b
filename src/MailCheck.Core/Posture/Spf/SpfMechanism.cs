using System.Net;

namespace MailCheck.Core.Posture.Spf;

/// <summary>A directive: an optional qualifier and a mechanism with its arguments (RFC 7208 §4.6.2, §5).</summary>
public sealed record SpfMechanism : SpfTerm
{
    public required SpfQualifier Qualifier { get; init; }

    /// <summary>True when the qualifier was written (<c>+all</c>), false when it is the implicit <c>+</c> (<c>all</c>).</summary>
    public bool QualifierWritten { get; init; }

    public required SpfMechanismKind Kind { get; init; }

    /// <summary>The domain-spec of include, a, mx, ptr and exists; null when omitted (the current domain is used).</summary>
    public SpfMacroString? DomainSpec { get; init; }

    /// <summary>The network of ip4 and ip6.</summary>
    public IPAddress? Network { get; init; }

    /// <summary>The IPv4 prefix length of ip4, a and mx (32 when none is written).</summary>
    public int Ip4Prefix { get; init; } = 32;

    /// <summary>The IPv6 prefix length of ip6, a and mx (128 when none is written).</summary>
    public int Ip6Prefix { get; init; } = 128;

    public override bool CountsAsLookup => Kind is SpfMechanismKind.Include or SpfMechanismKind.A or SpfMechanismKind.Mx
        or SpfMechanismKind.Ptr or SpfMechanismKind.Exists;

    /// <summary>The result this directive gives when it matches (RFC 7208 §4.6.2).</summary>
    public SpfResult MatchResult => Qualifier switch
    {
        SpfQualifier.Fail => SpfResult.Fail,
        SpfQualifier.SoftFail => SpfResult.SoftFail,
        SpfQualifier.Neutral => SpfResult.Neutral,
        _ => SpfResult.Pass,
    };
}
