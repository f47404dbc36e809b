using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>
/// Whether the certificate chain a server presented is authenticated by its TLSA records (RFC 7672 §3), and how.
/// </summary>
public sealed record DaneAuthentication
{
    /// <summary>True when a usable TLSA record authenticates the presented chain.</summary>
    public required bool Authenticated { get; init; }

    /// <summary>The record that authenticated it, when one did.</summary>
    public TlsaData? Matched { get; init; }

    /// <summary>One sentence: what matched, or why nothing did, naming its RFC section.</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// A DANE-TA(2) record matched a trust anchor but the chain below it did not pass (a name or date check, a broken
    /// chain): what failed, one sentence each.
    /// </summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>
    /// For a chain nothing matched: each record in use next to what the presented certificates give for its selector and
    /// matching type, e.g. <c>3 1 1 AB12…</c> and <c>depth 0 (CN=mx1.example.com): 3 1 1 CD34…</c>.
    /// </summary>
    public IReadOnlyList<DaneComparison> Comparisons { get; init; } = [];

    /// <summary>Records ignored for digest algorithm agility (RFC 7671 §9).</summary>
    public IReadOnlyList<TlsaData> Ignored { get; init; } = [];
}
