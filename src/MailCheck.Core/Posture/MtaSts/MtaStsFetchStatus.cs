namespace MailCheck.Core.Posture.MtaSts;

/// <summary>How fetching <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> ended (RFC 8461 §3.3).</summary>
public enum MtaStsFetchStatus
{
    /// <summary>200, <c>text/plain</c>, within 64 KiB: the policy body is there.</summary>
    Fetched,

    /// <summary>The policy host name does not exist or has no address.</summary>
    NoPolicyHost,

    /// <summary>The policy host's address lookup failed (SERVFAIL, timeout ...): could not test.</summary>
    DnsFailed,

    /// <summary>MailCheck's safety policy refused every address of the policy host: not tested.</summary>
    Blocked,

    /// <summary>No TCP connection to port 443.</summary>
    ConnectFailed,

    /// <summary>The TLS handshake failed.</summary>
    TlsFailed,

    /// <summary>The certificate is not trusted or not valid for the policy host (RFC 8461 §3.3).</summary>
    CertificateInvalid,

    /// <summary>A 3xx answer: redirects MUST NOT be followed (RFC 8461 §3.3).</summary>
    Redirect,

    /// <summary>An answer other than 200 and 3xx.</summary>
    HttpError,

    /// <summary>200, but the media type is not <c>text/plain</c> (RFC 8461 §3.2).</summary>
    WrongContentType,

    /// <summary>The body is larger than 64 KiB (RFC 8461 §3.3).</summary>
    TooLarge,

    /// <summary>The fetch did not finish within <c>MailCheck:MtaSts:FetchTimeout</c>.</summary>
    Timeout,

    /// <summary>The answer broke HTTP, or the body is not UTF-8.</summary>
    BadResponse,
}
