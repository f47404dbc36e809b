namespace MailCheck.Core.Dns;

public enum MxLookupStatus
{
    /// <summary>At least one MX host (or the implicit MX) was found.</summary>
    Found,

    /// <summary>The domain publishes a null MX (RFC 7505): it accepts no mail.</summary>
    NullMx,

    /// <summary>NXDOMAIN, or neither MX nor address records.</summary>
    NoMailService,

    /// <summary>SERVFAIL, refusal or timeout: the answer is unknown.</summary>
    Error,
}
