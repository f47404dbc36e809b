namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Whether reports may go to a destination host (RFC 9990 §4, RFC 9991 §5).</summary>
public enum DmarcReportAuthorizationStatus
{
    /// <summary>The host is in the same organizational domain as the policy: no authorization needed.</summary>
    Internal,

    /// <summary>The host publishes <c>v=DMARC1</c> at <c>&lt;policy domain&gt;._report._dmarc.&lt;host&gt;</c>.</summary>
    Authorized,

    /// <summary>No such record: receivers MUST NOT send reports there.</summary>
    NotAuthorized,

    /// <summary>The authorization record overrides the destination with a URI at another host: no report is sent at all.</summary>
    OverrideRejected,

    /// <summary>The authorization name would exceed DNS limits: no authorization is possible.</summary>
    NameTooLong,

    /// <summary>The query failed (SERVFAIL, timeout, budget used up): could not test.</summary>
    CouldNotTest,
}
