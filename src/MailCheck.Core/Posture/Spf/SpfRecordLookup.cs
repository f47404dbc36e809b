using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// A domain's SPF record, looked up as RFC 7208 §4.4 and §4.5 say: TXT only (the SPF RR type 99 is obsolete,
/// §3.1, and never queried), every TXT record's strings joined with nothing between them (§3.3), then only the records
/// that begin with exactly <c>v=spf1</c> followed by a space or their end are kept (so <c>v=spf10</c> is not one).
/// </summary>
public sealed record SpfRecordLookup
{
    /// <summary>The DNS purpose MailCheck shows with every SPF query.</summary>
    public const string Purpose = "spf";

    public required string Domain { get; init; }

    public required SpfLookupStatus Status { get; init; }

    /// <summary>The <c>v=spf1</c> records found (one when <see cref="Status"/> is Found, several when Multiple).</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>The other TXT records at the name, joined (to tell a near miss such as <c>"v=spf1mx"</c> from unrelated text).</summary>
    public IReadOnlyList<string> OtherTexts { get; init; } = [];

    /// <summary>The TXT answer (null when no query was sent).</summary>
    public DnsAnswer? Answer { get; init; }

    /// <summary>The one record, when exactly one was found.</summary>
    public string? Record => Status == SpfLookupStatus.Found ? Records[0] : null;

    /// <summary>True when <paramref name="text"/> is selected as SPF: <c>v=spf1</c> (any case) then a space or the end (RFC 7208 §4.5).</summary>
    public static bool IsSpfRecord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string version = "v=spf1";
        return text.StartsWith(version, StringComparison.OrdinalIgnoreCase) && (text.Length == version.Length || text[version.Length] == ' ');
    }

    /// <summary>Queries <paramref name="domain"/>'s TXT records through the check's DNS and selects the SPF record.</summary>
    public static async Task<SpfRecordLookup> FetchAsync(CheckDns dns, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var answer = await dns.QueryAsync(domain, DnsRecordType.TXT, Purpose, cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return new SpfRecordLookup { Domain = domain, Status = SpfLookupStatus.Failed, Answer = answer };
        }

        if (answer.NoSuchName)
        {
            return new SpfRecordLookup { Domain = domain, Status = SpfLookupStatus.NoSuchDomain, Answer = answer };
        }

        var texts = answer.Records.Select(r => r.Text ?? "").ToList();
        var spf = texts.Where(IsSpfRecord).ToList();
        return new SpfRecordLookup
        {
            Domain = domain,
            Status = spf.Count switch
            {
                0 => SpfLookupStatus.NoRecord,
                1 => SpfLookupStatus.Found,
                _ => SpfLookupStatus.Multiple,
            },
            Records = spf,
            OtherTexts = [.. texts.Where(t => !IsSpfRecord(t))],
            Answer = answer,
        };
    }
}
