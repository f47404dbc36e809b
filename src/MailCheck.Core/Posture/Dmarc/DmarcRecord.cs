using System.Globalization;
using MailCheck.Core.Posture.Dkim;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// A DMARC Policy Record (RFC 9989 §4.7, grammar §4.8), read the way a receiver reads it: a malformed value falls back to
/// the tag's default and is listed in <see cref="Issues"/>, unknown tags are ignored, and <c>pct</c>, <c>ri</c> and
/// <c>rf</c> (removed by RFC 9989, still read by RFC 7489 receivers) are kept and noted.
/// </summary>
public sealed record DmarcRecord
{
    /// <summary>The record text (its TXT strings joined with nothing between them, RFC 9989 §4.5).</summary>
    public required string Text { get; init; }

    public required IReadOnlyList<TagValue> Tags { get; init; }

    /// <summary><c>p</c>: the policy for the domain itself; null when absent (RFC 9989 §4.7: treated as none) or invalid.</summary>
    public DmarcPolicy? Policy { get; init; }

    /// <summary><c>sp</c>: the policy for existing subdomains; null when absent or invalid.</summary>
    public DmarcPolicy? SubdomainPolicy { get; init; }

    /// <summary><c>np</c>: the policy for non-existent subdomains; null when absent or invalid.</summary>
    public DmarcPolicy? NonExistentPolicy { get; init; }

    /// <summary>True when <c>p</c>, <c>sp</c> or <c>np</c> is present with a value that is not a policy (RFC 9989 §4.10.1).</summary>
    public bool HasInvalidPolicy { get; init; }

    /// <summary><c>t=y</c>: the owner is testing; receivers apply one level less (RFC 9989 §4.7).</summary>
    public bool Testing { get; init; }

    /// <summary><c>psd</c>.</summary>
    public DmarcPsd Psd { get; init; }

    /// <summary><c>adkim</c> (default relaxed).</summary>
    public DmarcAlignmentMode DkimAlignment { get; init; }

    /// <summary><c>aspf</c> (default relaxed).</summary>
    public DmarcAlignmentMode SpfAlignment { get; init; }

    /// <summary><c>rua</c>: where aggregate reports go.</summary>
    public IReadOnlyList<DmarcReportUri> AggregateReports { get; init; } = [];

    /// <summary><c>ruf</c>: where failure reports go.</summary>
    public IReadOnlyList<DmarcReportUri> FailureReports { get; init; } = [];

    /// <summary><c>fo</c> as written, when valid.</summary>
    public string? FailureOptions { get; init; }

    /// <summary><c>pct</c> (removed by RFC 9989, Appendix A.6), when a valid number 0-100.</summary>
    public int? Percent { get; init; }

    /// <summary><c>ri</c> (removed by RFC 9989), when a valid number.</summary>
    public long? ReportInterval { get; init; }

    /// <summary><c>rf</c> (removed by RFC 9989), as written.</summary>
    public string? ReportFormat { get; init; }

    /// <summary>Every problem found, in the order of the tags.</summary>
    public IReadOnlyList<DmarcRecordIssue> Issues { get; init; } = [];

    /// <summary>True when the record names the tag (any case).</summary>
    public bool Has(string tag) => Tags.Any(t => string.Equals(t.Name, tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <c>rua</c> holds at least one syntactically valid URI (what RFC 9989 §4.10.1 asks about).</summary>
    public bool HasValidAggregateReportUri => AggregateReports.Any(u => u.IsValid);

    /// <summary>
    /// True when the text starts with the version tag: <c>v</c>, optional spaces, <c>=</c>, <c>DMARC1</c> in exactly that
    /// case, then the end or <c>;</c> (RFC 9989 §4.7 "v"). Other TXT records at a <c>_dmarc</c> name are not DMARC records.
    /// </summary>
    public static bool IsDmarcRecord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.TrimStart(' ', '\t');
        var i = 0;
        if (t.Length == 0 || t[i] is not ('v' or 'V'))
        {
            return false;
        }

        i = SkipSpace(t, i + 1);
        if (i >= t.Length || t[i] != '=')
        {
            return false;
        }

        i = SkipSpace(t, i + 1);
        if (!t.AsSpan(i).StartsWith("DMARC1", StringComparison.Ordinal))
        {
            return false;
        }

        i = SkipSpace(t, i + 6);
        return i == t.Length || t[i] == ';';
    }

    /// <summary>Reads a DMARC record; null when <paramref name="text"/> is not one (see <see cref="IsDmarcRecord"/>).</summary>
    public static DmarcRecord? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsDmarcRecord(text))
        {
            return null;
        }

        var list = TagValueList.Parse(text, ignoreCase: true);
        var builder = new DmarcRecordReader(text, list);
        return builder.Read();
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    internal static string Quote(string value) => value.Length <= 60 ? value : value[..60] + "…";

    internal static bool TryPercent(string value, out int percent) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out percent) && percent <= 100;
}
