using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Small helpers for domain names as DNS sees them (RFC 1035 §2.3.4): ASCII, case-insensitive, no trailing dot.</summary>
internal static class DnsNames
{
    /// <summary>Most octets in a name (RFC 1035 §2.3.4, without the root's length octet).</summary>
    public const int MaxNameLength = 253;

    public static string Normalize(string name) => DnsText.TrimDot(name.Trim()).ToLowerInvariant();

    public static string[] Labels(string name) => name.Split('.');

    /// <summary>True for a name of 1-63-octet labels of letters, digits, "-" and "_", at most 253 octets long.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && Labels(name).All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    /// <summary>True when <paramref name="name"/> is <paramref name="ancestor"/> or a name below it.</summary>
    public static bool IsSameOrBelow(string name, string ancestor) =>
        string.Equals(name, ancestor, StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("." + ancestor, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name made of the last <paramref name="count"/> labels of <paramref name="name"/>.</summary>
    public static string Suffix(string name, int count)
    {
        var labels = Labels(name);
        return string.Join('.', labels[Math.Max(0, labels.Length - count)..]);
    }
}
