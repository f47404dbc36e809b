namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The result of verifying one DKIM signature, with the names of RFC 8601 §2.7.1.</summary>
public enum DkimResult
{
    /// <summary>The signature verified (RFC 6376 §6.1.3).</summary>
    Pass,

    /// <summary>The signature did not verify: the body or a signed header changed, the key does not fit, or it expired.</summary>
    Fail,

    /// <summary>The signature could not be processed for good: malformed, or its key is missing, revoked or unusable.</summary>
    PermError,

    /// <summary>The key could not be fetched now (a DNS failure): neither pass nor fail.</summary>
    TempError,
}
