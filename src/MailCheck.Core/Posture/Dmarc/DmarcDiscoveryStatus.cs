namespace MailCheck.Core.Posture.Dmarc;

/// <summary>How DMARC policy discovery (RFC 9989 §4.10.1) ended.</summary>
public enum DmarcDiscoveryStatus
{
    /// <summary>A DMARC Policy Record applies (the domain's own, its organizational domain's or its PSD's).</summary>
    Found,

    /// <summary>No record applies: DMARC does not apply to the domain's mail (RFC 9989 §4.10.1).</summary>
    NotFound,

    /// <summary>A query failed (SERVFAIL, timeout, budget used up): the policy is unknown. Never "no record".</summary>
    TemporaryError,
}
