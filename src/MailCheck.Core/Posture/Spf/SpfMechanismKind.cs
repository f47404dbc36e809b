namespace MailCheck.Core.Posture.Spf;

/// <summary>The eight mechanisms of RFC 7208 §5.</summary>
public enum SpfMechanismKind
{
    /// <summary><c>all</c> (§5.1): always matches.</summary>
    All,

    /// <summary><c>include:</c> (§5.2): matches when the other domain's record passes.</summary>
    Include,

    /// <summary><c>a</c> (§5.3): the address records of a name.</summary>
    A,

    /// <summary><c>mx</c> (§5.4): the addresses of a domain's MX hosts.</summary>
    Mx,

    /// <summary><c>ptr</c> (§5.5): the client's validated reverse name. "SHOULD NOT be used".</summary>
    Ptr,

    /// <summary><c>ip4:</c> (§5.6).</summary>
    Ip4,

    /// <summary><c>ip6:</c> (§5.6).</summary>
    Ip6,

    /// <summary><c>exists:</c> (§5.7): matches when the name has an A record.</summary>
    Exists,
}
