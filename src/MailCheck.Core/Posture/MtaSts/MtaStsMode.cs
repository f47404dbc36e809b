namespace MailCheck.Core.Posture.MtaSts;

/// <summary>The <c>mode</c> of an MTA-STS policy (RFC 8461 §3.2, §5).</summary>
public enum MtaStsMode
{
    /// <summary>Senders MUST NOT deliver to an MX that fails the policy's checks.</summary>
    Enforce,

    /// <summary>Senders report failures (TLS-RPT, RFC 8460) but still deliver.</summary>
    Testing,

    /// <summary>Senders treat the domain as having no active policy.</summary>
    None,
}
