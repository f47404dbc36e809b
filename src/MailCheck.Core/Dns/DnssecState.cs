namespace MailCheck.Core.Dns;

/// <summary>The DNSSEC state of an answer (RFC 4033 §5, RFC 4035 §4.3).</summary>
public enum DnssecState
{
    /// <summary>Validated: a chain of trust from a trust anchor to this answer.</summary>
    Secure,

    /// <summary>The zone is provably unsigned: nothing to validate.</summary>
    Insecure,

    /// <summary>Signed, but validation failed: a validating resolver answers SERVFAIL.</summary>
    Bogus,

    /// <summary>Unknown: the resolver does not validate, is not trusted, or the query failed.</summary>
    Indeterminate,
}
