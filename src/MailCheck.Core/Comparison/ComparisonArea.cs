namespace MailCheck.Core.Comparison;

/// <summary>What a change between two checks is about, in the order the comparison lists them.</summary>
public enum ComparisonArea
{
    /// <summary>The outcome and its summary.</summary>
    Outcome,

    /// <summary>The MX hosts and their preferences.</summary>
    Mx,

    /// <summary>The addresses of the MX hosts.</summary>
    Addresses,

    /// <summary>The EHLO extensions (STARTTLS, SIZE, AUTH ...).</summary>
    Capabilities,

    /// <summary>The server certificate: issuer, expiry, key, validity.</summary>
    Certificate,

    /// <summary>The TLS version and cipher.</summary>
    Tls,

    /// <summary>The reply code of each step.</summary>
    Replies,

    /// <summary>How long each step took, beyond noise.</summary>
    Timing,

    /// <summary>Scorecard items whose status changed.</summary>
    Scorecard,
}
