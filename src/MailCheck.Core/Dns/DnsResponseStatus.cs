namespace MailCheck.Core.Dns;

/// <summary>How a DNS query ended.</summary>
public enum DnsResponseStatus
{
    /// <summary>RCODE 0: the name exists; the answer may still hold no record of the type asked (NODATA).</summary>
    NoError,

    /// <summary>RCODE 3: the name does not exist (RFC 8020: nor does anything below it).</summary>
    NxDomain,

    /// <summary>RCODE 2: the resolver could not answer (a DNSSEC validation failure looks like this too).</summary>
    ServFail,

    /// <summary>RCODE 5: the resolver refused the query.</summary>
    Refused,

    /// <summary>Any other RCODE (FORMERR, NOTIMP ...).</summary>
    OtherError,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The server could not be reached, or the answer could not be read.</summary>
    NetworkError,

    /// <summary>Not sent: the check's budget of DNS queries was used up.</summary>
    NotSent,
}
