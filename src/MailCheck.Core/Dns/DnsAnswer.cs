namespace MailCheck.Core.Dns;

/// <summary>One DNS query and its answer, as MailCheck received it.</summary>
public sealed record DnsAnswer
{
    /// <summary>The name asked for (ASCII, no trailing dot).</summary>
    public required string Name { get; init; }

    public required DnsRecordType Type { get; init; }

    public required DnsResponseStatus Status { get; init; }

    /// <summary>The records of the type asked for (owner names may differ from <see cref="Name"/> after a CNAME).</summary>
    public IReadOnlyList<DnsRecord> Records { get; init; } = [];

    /// <summary>CNAME records the answer followed on the way, in order.</summary>
    public IReadOnlyList<DnsRecord> Cnames { get; init; } = [];

    /// <summary>The AD (authentic data) flag as received. Whether to trust it is for the caller (RFC 4035 §4.9.3).</summary>
    public bool AuthenticatedData { get; init; }

    /// <summary>
    /// The DNSSEC state of this answer as MailCheck judged it (<see cref="DnssecResolverStatus.Classify"/>): set by the
    /// check's <see cref="CheckDns"/>, null when nothing judged it.
    /// </summary>
    public DnssecState? Dnssec { get; init; }

    /// <summary>The extended DNS error code (RFC 8914), when the server gave one (6 = DNSSEC Bogus).</summary>
    public int? ExtendedErrorCode { get; init; }

    /// <summary>The extended DNS error's text, when the server gave one.</summary>
    public string? ExtendedErrorText { get; init; }

    /// <summary>How long the query took (zero for a query that was not sent or came from this check's cache).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The server that answered, when known.</summary>
    public string? Server { get; init; }

    /// <summary>Why the query failed, in plain words, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// True when the query gave no usable answer (SERVFAIL, REFUSED, timeout, unreachable server, not sent): the
    /// truth is unknown, so whatever depends on it is "could not test", never "fail".
    /// </summary>
    public bool Failed => Status is not (DnsResponseStatus.NoError or DnsResponseStatus.NxDomain);

    /// <summary>True for NXDOMAIN.</summary>
    public bool NoSuchName => Status == DnsResponseStatus.NxDomain;

    /// <summary>
    /// What the transcript adds after <see cref="Describe"/> for a judged answer: " · DNSSEC secure" (validated),
    /// " · DNSSEC insecure" (provably unsigned), " · DNSSEC bogus"; nothing when the state is indeterminate (the result
    /// says once why DNSSEC could not be verified) or the answer was not judged.
    /// </summary>
    public string DnssecNote => Dnssec switch
    {
        DnssecState.Secure => " · DNSSEC secure",
        DnssecState.Insecure => " · DNSSEC insecure",
        DnssecState.Bogus => " · DNSSEC bogus",
        _ => "",
    };

    /// <summary>The answer as one readable line: records with TTLs, "NXDOMAIN", "no records", "SERVFAIL", "timeout".</summary>
    public string Describe()
    {
        if (Status == DnsResponseStatus.NoError)
        {
            if (Records.Count == 0 && Cnames.Count == 0)
            {
                return "no records";
            }

            return string.Join("; ", Cnames.Concat(Records).Select(r => $"{DnsText.RecordData(r)} (TTL {r.Ttl})"));
        }

        return Status switch
        {
            DnsResponseStatus.NxDomain => "NXDOMAIN",
            DnsResponseStatus.ServFail => ExtendedErrorCode is { } ede
                ? $"SERVFAIL ({ExtendedDnsError.Describe(ede, ExtendedErrorText)})"
                : "SERVFAIL",
            DnsResponseStatus.Refused => "REFUSED",
            DnsResponseStatus.Timeout => "timeout",
            DnsResponseStatus.NotSent => "not sent: " + (Error ?? "the DNS query budget is used up"),
            _ => "error: " + (Error ?? Status.ToString()),
        };
    }
}
