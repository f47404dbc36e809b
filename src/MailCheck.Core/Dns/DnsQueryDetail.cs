using MailCheck.Core.Checks;

namespace MailCheck.Core.Dns;

/// <summary>Structured data of a <c>dns</c> event: one query and its answer.</summary>
/// <param name="Name">The name asked for.</param>
/// <param name="RecordType">The record type asked for ("type" is the detail's JSON discriminator).</param>
/// <param name="Status">How the query ended.</param>
/// <param name="Records">The records of the type asked for, in presentation form.</param>
/// <param name="Cnames">CNAME records followed on the way.</param>
/// <param name="AuthenticatedData">The AD flag as received.</param>
/// <param name="Purpose">What asked (e.g. <c>mx</c>, <c>spf</c>, <c>dkim</c>), when known.</param>
/// <param name="Server">The DNS server that answered.</param>
public sealed record DnsQueryDetail(
    string Name,
    DnsRecordType RecordType,
    DnsResponseStatus Status,
    IReadOnlyList<string> Records,
    IReadOnlyList<string> Cnames,
    bool AuthenticatedData,
    string? Purpose,
    string? Server) : CheckEventDetail
{
    /// <summary>The DNSSEC state of this answer, when it was judged.</summary>
    public DnssecState? Dnssec { get; init; }

    /// <summary>The extended DNS error (RFC 8914), when one came back.</summary>
    public int? ExtendedErrorCode { get; init; }

    /// <summary>The extended DNS error's text, when one came back with text.</summary>
    public string? ExtendedErrorText { get; init; }

    public static DnsQueryDetail From(DnsAnswer answer, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new DnsQueryDetail(
            answer.Name,
            answer.Type,
            answer.Status,
            [.. answer.Records.Select(r => r.Data)],
            [.. answer.Cnames.Select(r => r.Target ?? r.Data)],
            answer.AuthenticatedData,
            purpose,
            answer.Server)
        {
            Dnssec = answer.Dnssec,
            ExtendedErrorCode = answer.ExtendedErrorCode,
            ExtendedErrorText = answer.ExtendedErrorText,
        };
    }
}
