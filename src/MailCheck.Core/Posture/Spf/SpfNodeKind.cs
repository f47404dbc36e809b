namespace MailCheck.Core.Posture.Spf;

/// <summary>What a node of the SPF include tree is.</summary>
public enum SpfNodeKind
{
    /// <summary>The domain judged, with its record (the root).</summary>
    Domain,

    /// <summary><c>include:</c> and the record it pulls in (RFC 7208 §5.2).</summary>
    Include,

    /// <summary><c>redirect=</c> and the record it hands over to (RFC 7208 §6.1).</summary>
    Redirect,

    /// <summary><c>a</c> (RFC 7208 §5.3).</summary>
    A,

    /// <summary><c>mx</c> (RFC 7208 §5.4).</summary>
    Mx,

    /// <summary><c>ptr</c> (RFC 7208 §5.5).</summary>
    Ptr,

    /// <summary><c>exists:</c> (RFC 7208 §5.7).</summary>
    Exists,
}
