namespace MailCheck.Core.Posture.Dmarc;

/// <summary>The DMARC result of a message (RFC 9989 §9.2, the "Email Authentication Result Names" registry).</summary>
public enum DmarcResult
{
    /// <summary>No DMARC Policy Record applies to the author domain.</summary>
    None,

    /// <summary>An authenticated identifier aligns with the author domain (RFC 9989 §5.3.5).</summary>
    Pass,

    /// <summary>A record applies and no authenticated identifier aligns (RFC 9989 §5.3.5).</summary>
    Fail,

    /// <summary>A DNS query failed: neither pass nor fail can be said (RFC 9989 §5.3.6).</summary>
    TempError,

    /// <summary>The record is unusable (an invalid policy and no valid rua, RFC 9989 §4.10.1): no DMARC processing.</summary>
    PermError,
}
