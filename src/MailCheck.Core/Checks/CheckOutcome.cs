namespace MailCheck.Core.Checks;

/// <summary>How a check ended. The web API shows these in camelCase.</summary>
public enum CheckOutcome
{
    /// <summary>send: the final "." got 2xx; probe: at least one recipient accepted; connect: greeting and EHLO ok.</summary>
    Accepted,

    /// <summary>A 5xx reply ended the check.</summary>
    Rejected,

    /// <summary>
    /// A 4xx reply ended the check (e.g. greylisting), or the connection was lost inside the mail transaction, which
    /// RFC 5321 §3.8 treats as a 451 reply: try again later.
    /// </summary>
    Deferred,

    /// <summary>No MX address could be connected to.</summary>
    Unreachable,

    /// <summary>The domain does not receive mail: null MX, NXDOMAIN, or no MX and no address.</summary>
    NoMailService,

    /// <summary>DNS failed: SERVFAIL or timeout.</summary>
    DnsError,

    /// <summary>TLS was required but not offered, or the handshake or certificate failed.</summary>
    TlsFailed,

    /// <summary>The server broke the SMTP protocol (malformed or oversized reply).</summary>
    ProtocolError,

    /// <summary>A command or the whole check ran out of time.</summary>
    Timeout,

    /// <summary>The connection dropped after the final "." and before its reply: the message may have been accepted.</summary>
    Indeterminate,

    /// <summary>Refused by the safety policy before any connection.</summary>
    Blocked,

    /// <summary>The application stopped mid-check.</summary>
    Interrupted,

    /// <summary>The check was cancelled.</summary>
    Cancelled,

    /// <summary>Receive mode: a message arrived at the check's address and was judged.</summary>
    Received,
}
