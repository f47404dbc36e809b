namespace MailCheck.Core.Posture.Spf;

/// <summary>The result of <c>check_host()</c> (RFC 7208 §2.6).</summary>
public enum SpfResult
{
    /// <summary>No SPF record, or no valid domain to check (RFC 7208 §2.6.1).</summary>
    None,

    /// <summary>The domain states nothing about the address (RFC 7208 §2.6.2); also the default result (§4.7).</summary>
    Neutral,

    /// <summary>The address is authorized (RFC 7208 §2.6.3).</summary>
    Pass,

    /// <summary>The address is not authorized (RFC 7208 §2.6.4).</summary>
    Fail,

    /// <summary>Probably not authorized, short of a hard fail (RFC 7208 §2.6.5).</summary>
    SoftFail,

    /// <summary>A temporary (usually DNS) error: trying later may succeed (RFC 7208 §2.6.6).</summary>
    TempError,

    /// <summary>The published records cannot be interpreted: a syntax error or a processing limit (RFC 7208 §2.6.7).</summary>
    PermError,
}
