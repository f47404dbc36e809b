namespace MailCheck.Testing.Dns;

/// <summary>How <see cref="InProcessDnsServer"/> treats queries for a name, whatever records it has.</summary>
public enum DnsNameBehavior
{
    /// <summary>Answer from the zone: records, NODATA, or NXDOMAIN for unknown names.</summary>
    Answer,

    /// <summary>Answer SERVFAIL (RCODE 2).</summary>
    ServerFailure,

    /// <summary>Answer REFUSED (RCODE 5).</summary>
    Refused,

    /// <summary>Never answer: the client times out.</summary>
    NoAnswer,
}
