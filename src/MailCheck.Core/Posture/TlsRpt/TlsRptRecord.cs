using System.Text.RegularExpressions;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Posture.Dmarc;

namespace MailCheck.Core.Posture.TlsRpt;

/// <summary>
/// An SMTP TLS Reporting policy (RFC 8460 §3): <c>v=TLSRPTv1</c> first, then <c>rua=</c> with one or more
/// <c>mailto:</c> or <c>https:</c> URIs, and extension fields that are ignored.
/// </summary>
public sealed partial record TlsRptRecord
{
    public required string Text { get; init; }

    /// <summary>Every <c>rua</c> URI, in order (all <c>rua=</c> fields together).</summary>
    public IReadOnlyList<DmarcReportUri> Rua { get; init; } = [];

    /// <summary>Fields other than <c>v</c> and <c>rua</c> (ignored, RFC 8460 §3).</summary>
    public IReadOnlyList<TagValue> Extensions { get; init; } = [];

    /// <summary>What does not fit the grammar, in plain words.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The usable report URIs: well-formed, and mailto or https.</summary>
    public IEnumerable<DmarcReportUri> UsableRua => Rua.Where(u => u.IsValid && u.Scheme is "mailto" or "https");

    /// <summary>True when the text begins with <c>v=TLSRPTv1</c>, exactly so, then <c>;</c> or the end (RFC 8460 §3).</summary>
    public static bool IsTlsRptRecord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Version().IsMatch(text);
    }

    /// <summary>Reads a record that <see cref="IsTlsRptRecord"/> accepted; never throws.</summary>
    public static TlsRptRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rua = new List<DmarcReportUri>();
        var extensions = new List<TagValue>();
        var problems = new List<string>();
        var fields = text.Split(';').Select(f => f.Trim(' ', '\t')).ToList();
        foreach (var field in fields.Skip(1).Where(f => f.Length > 0))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? "" : field[..equals];
            var value = equals < 0 ? "" : field[(equals + 1)..];
            if (!FieldName().IsMatch(name))
            {
                problems.Add($"\"{DkimText.Quote(field)}\" is not a name=value field");
            }
            else if (name == "rua")
            {
                rua.AddRange(value.Split(',').Select(u => DmarcReportUri.Parse(u, allowSizeSuffix: false)));
            }
            else if (!ExtensionValue().IsMatch(value))
            {
                problems.Add($"the value of {name}= is empty or holds a space, \"=\" or \";\"");
            }
            else
            {
                extensions.Add(new TagValue(name, value));
            }
        }

        return new TlsRptRecord { Text = text, Rua = rua, Extensions = extensions, Problems = problems };
    }

    [GeneratedRegex(@"^v=TLSRPTv1[ \t]*(;|$)")]
    private static partial Regex Version();

    // tlsrpt-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")]
    private static partial Regex FieldName();

    // tlsrpt-ext-value = 1*(%x21-3A / %x3C / %x3E-7E)
    [GeneratedRegex(@"^[\x21-\x3A\x3C\x3E-\x7E]+$")]
    private static partial Regex ExtensionValue();
}
