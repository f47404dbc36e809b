namespace MailCheck.Core.Posture.Spf;

/// <summary>What looking up a domain's SPF record found (RFC 7208 §4.4, §4.5).</summary>
public enum SpfLookupStatus
{
    /// <summary>Exactly one <c>v=spf1</c> record.</summary>
    Found,

    /// <summary>The name exists but publishes no <c>v=spf1</c> record: "none".</summary>
    NoRecord,

    /// <summary>The name does not exist (NXDOMAIN): "none".</summary>
    NoSuchDomain,

    /// <summary>More than one <c>v=spf1</c> record: permerror.</summary>
    Multiple,

    /// <summary>The TXT query failed (SERVFAIL, timeout, budget used up): temperror, "could not test".</summary>
    Failed,
}
