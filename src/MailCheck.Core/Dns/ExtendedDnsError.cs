using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MailCheck.Core.Dns;

/// <summary>
/// The extended DNS error (EDE) option of RFC 8914, read from the RDATA of a response's OPT record (RFC 6891 §6.1.2:
/// a sequence of {OPTION-CODE, OPTION-LENGTH, OPTION-DATA}). DnsClient keeps that RDATA as raw bytes
/// (<c>OptRecord.Data</c>) without parsing its options, so MailCheck reads them itself: no second query, no raw socket.
/// </summary>
public static class ExtendedDnsError
{
    /// <summary>The EDNS option code of an extended DNS error (RFC 8914 §2).</summary>
    public const int OptionCode = 15;

    /// <summary>
    /// The INFO-CODEs that mean the answer failed DNSSEC validation: 6 DNSSEC Bogus, 7 Signature Expired, 8 Signature Not
    /// Yet Valid, 9 DNSKEY Missing, 10 RRSIGs Missing, 11 No Zone Key Bit Set, 12 NSEC Missing (RFC 8914 §4.7-4.13),
    /// 25 Signature Expired before Valid and 27 Unsupported NSEC3 Iterations Value (IANA registry; RFC 9276 §3.2).
    /// </summary>
    public static IReadOnlySet<int> BogusCodes { get; } = new HashSet<int> { 6, 7, 8, 9, 10, 11, 12, 25, 27 };

    /// <summary>
    /// Reads the first extended DNS error from OPT RDATA. Returns false when there is none or the options are malformed
    /// (a length running past the end): a broken option is ignored, never guessed at.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> optData, out int infoCode, out string? extraText)
    {
        infoCode = 0;
        extraText = null;
        var rest = optData;
        while (rest.Length >= 4)
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(rest);
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (rest.Length < 4 + length)
            {
                return false;
            }

            var data = rest.Slice(4, length);
            if (code == OptionCode && data.Length >= 2)
            {
                infoCode = BinaryPrimitives.ReadUInt16BigEndian(data);
                // RFC 8914 §2: EXTRA-TEXT is UTF-8, not NUL-terminated (some servers add one anyway).
                var text = Encoding.UTF8.GetString(data[2..]).TrimEnd('\0').Trim();
                extraText = text.Length == 0 ? null : text;
                return true;
            }

            rest = rest[(4 + length)..];
        }

        return false;
    }

    /// <summary>The registered name of an INFO-CODE (RFC 8914 §4 and the IANA registry), e.g. 6 → "DNSSEC Bogus".</summary>
    public static string Name(int infoCode) => infoCode switch
    {
        0 => "Other Error",
        1 => "Unsupported DNSKEY Algorithm",
        2 => "Unsupported DS Digest Type",
        3 => "Stale Answer",
        4 => "Forged Answer",
        5 => "DNSSEC Indeterminate",
        6 => "DNSSEC Bogus",
        7 => "Signature Expired",
        8 => "Signature Not Yet Valid",
        9 => "DNSKEY Missing",
        10 => "RRSIGs Missing",
        11 => "No Zone Key Bit Set",
        12 => "NSEC Missing",
        13 => "Cached Error",
        14 => "Not Ready",
        15 => "Blocked",
        16 => "Censored",
        17 => "Filtered",
        18 => "Prohibited",
        19 => "Stale NXDOMAIN Answer",
        20 => "Not Authoritative",
        21 => "Not Supported",
        22 => "No Reachable Authority",
        23 => "Network Error",
        24 => "Invalid Data",
        25 => "Signature Expired before Valid",
        26 => "Too Early",
        27 => "Unsupported NSEC3 Iterations Value",
        _ => "code " + infoCode.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>"extended DNS error 6 (DNSSEC Bogus): text" as shown in transcripts.</summary>
    public static string Describe(int infoCode, string? extraText) =>
        $"extended DNS error {infoCode.ToString(CultureInfo.InvariantCulture)} ({Name(infoCode)}){(string.IsNullOrEmpty(extraText) ? "" : ": " + extraText)}";
}
