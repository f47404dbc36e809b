namespace MailCheck.Core.Posture.Dkim;

/// <summary>What a selector's name held.</summary>
public enum DkimLookupStatus
{
    /// <summary>A DKIM key record (possibly revoked or unusable: see the judgement).</summary>
    Found,

    /// <summary>No record (NXDOMAIN, or no TXT at the name or at the end of its CNAME chain).</summary>
    NotFound,

    /// <summary>TXT records, but none is a DKIM key record.</summary>
    NotKey,

    /// <summary>The query failed (SERVFAIL, timeout, budget used up): could not test.</summary>
    Failed,
}
