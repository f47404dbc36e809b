namespace MailCheck.Core.Dns;

/// <summary>
/// One resource record of an answer. <see cref="Data"/> is its presentation form; the typed fields are filled for
/// the types that have them.
/// </summary>
public sealed record DnsRecord
{
    /// <summary>The owner name, without the trailing dot.</summary>
    public required string Name { get; init; }

    public required DnsRecordType Type { get; init; }

    public required int Ttl { get; init; }

    /// <summary>The record data as a zone file would show it (e.g. <c>10 mx1.example.com</c>).</summary>
    public required string Data { get; init; }

    /// <summary>A and AAAA: the address in canonical text form.</summary>
    public string? Address { get; init; }

    /// <summary>MX exchange, CNAME, PTR and NS target, without the trailing dot ("." stays "." for a null MX).</summary>
    public string? Target { get; init; }

    /// <summary>MX preference.</summary>
    public int? Preference { get; init; }

    /// <summary>TXT: the character-strings as received, each at most 255 bytes.</summary>
    public IReadOnlyList<string>? Strings { get; init; }

    /// <summary>TLSA data.</summary>
    public TlsaData? Tlsa { get; init; }

    /// <summary>
    /// TXT: the character-strings joined with nothing between them, as SPF (RFC 7208 §3.3), DKIM (RFC 6376
    /// §3.6.2.2), DMARC and MTA-STS read a record that is longer than one string.
    /// </summary>
    public string? Text => Strings is null ? null : string.Concat(Strings);
}
