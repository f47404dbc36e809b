namespace MailCheck.Core.Posture.Blocklists;

/// <summary>What one blocklist said about one address.</summary>
public enum DnsblVerdict
{
    /// <summary>NXDOMAIN: not listed.</summary>
    NotListed,

    /// <summary>An A record in 127.0.0.0/8: listed (RFC 5782 §2.1).</summary>
    Listed,

    /// <summary>The list could not be asked, or answered with an error code: could not test.</summary>
    Error,
}
