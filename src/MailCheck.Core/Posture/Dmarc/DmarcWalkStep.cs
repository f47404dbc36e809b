using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>One query of a DNS tree walk (RFC 9989 §4.10): <c>_dmarc.</c><see cref="Domain"/> TXT and what it held.</summary>
public sealed record DmarcWalkStep
{
    /// <summary>The domain whose record was asked for.</summary>
    public required string Domain { get; init; }

    /// <summary>The name queried: <c>_dmarc.</c> + <see cref="Domain"/>.</summary>
    public string Name => "_dmarc." + Domain;

    public required DnsResponseStatus Status { get; init; }

    /// <summary>The answer in one line, as the transcript shows it (e.g. "NXDOMAIN", "SERVFAIL").</summary>
    public required string Answer { get; init; }

    /// <summary>The TXT records that start with <c>v=DMARC1</c>.</summary>
    public IReadOnlyList<string> DmarcRecords { get; init; } = [];

    /// <summary>The other TXT records at the name (not DMARC records: discarded, RFC 9989 §4.10 step 2).</summary>
    public IReadOnlyList<string> OtherRecords { get; init; } = [];

    /// <summary>The DMARC Policy Record of this name: the single <c>v=DMARC1</c> record, or null (none, or several).</summary>
    public DmarcRecord? Record { get; init; }

    /// <summary>True when the query gave no usable answer (SERVFAIL, timeout, budget used up): the walk stops there.</summary>
    public bool Failed => Status is not (DnsResponseStatus.NoError or DnsResponseStatus.NxDomain);

    /// <summary>True when several DMARC records were returned: all are discarded (RFC 9989 §4.10 step 2).</summary>
    public bool HasSeveralRecords => DmarcRecords.Count > 1;

    /// <summary>Reads a TXT answer for <c>_dmarc.</c><paramref name="domain"/>.</summary>
    public static DmarcWalkStep From(string domain, DnsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var texts = answer.Status == DnsResponseStatus.NoError
            ? answer.Records.Where(r => r.Type == DnsRecordType.TXT).Select(r => r.Text ?? "").ToList()
            : [];
        var dmarc = texts.Where(DmarcRecord.IsDmarcRecord).ToList();
        return new DmarcWalkStep
        {
            Domain = domain,
            Status = answer.Status,
            Answer = answer.Describe(),
            DmarcRecords = dmarc,
            OtherRecords = [.. texts.Where(t => !DmarcRecord.IsDmarcRecord(t))],
            Record = dmarc.Count == 1 ? DmarcRecord.Parse(dmarc[0]) : null,
        };
    }
}
