using System.Text.RegularExpressions;
using MailCheck.Core.Posture.Dkim;

namespace MailCheck.Core.Posture.Bimi;

/// <summary>
/// A BIMI Assertion Record (draft-brand-indicators-for-message-identification-12 §4.3): <c>v=BIMI1</c> first, <c>l=</c>
/// (the logo, an HTTPS SVG URI, or empty), <c>a=</c> (the mark certificate, an HTTPS URI, or empty), and the optional
/// <c>lps=</c> and <c>avp=</c>. MailCheck reads it and never fetches either URI.
/// </summary>
public sealed partial record BimiRecord
{
    /// <summary>The draft the sections cited refer to.</summary>
    public const string Draft = "draft-brand-indicators-for-message-identification";

    public required string Text { get; init; }

    /// <summary><c>l=</c> as written; null when absent (it is REQUIRED).</summary>
    public string? Location { get; init; }

    /// <summary><c>a=</c> as written; null when absent (read as empty).</summary>
    public string? Evidence { get; init; }

    /// <summary><c>avp=</c> (default <c>brand</c>).</summary>
    public string AvatarPreference { get; init; } = "brand";

    /// <summary><c>lps=</c>, when written.</summary>
    public string? LocalPartSelectors { get; init; }

    /// <summary>What is wrong, each naming its section.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Empty <c>l=</c> and <c>a=</c>: an explicit refusal to take part (§4.3.1).</summary>
    public bool Declined => string.IsNullOrEmpty(Location) && string.IsNullOrEmpty(Evidence) && Location is not null;

    /// <summary>True when the text begins with <c>v=BIMI1</c> (spaces allowed around "="), exactly so (§4.3 "v=").</summary>
    public static bool IsBimiRecord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Version().IsMatch(text);
    }

    /// <summary>Reads a record that <see cref="IsBimiRecord"/> accepted; never throws.</summary>
    public static BimiRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = TagValueList.Parse(text);
        var problems = tags.Errors.Select(e => $"{e} ({Draft} §4.3)").ToList();
        problems.AddRange(tags.Duplicates.Select(d => $"{d}= appears more than once, which makes the record invalid (RFC 6376 §3.2, whose syntax BIMI uses, {Draft} §4.3)"));
        var location = tags.Get("l");
        var evidence = tags.Get("a");
        var avp = tags.Get("avp");
        if (location is null)
        {
            problems.Add($"l= is missing, and it is required: receivers treat the record as an error ({Draft} §4.3)");
        }
        else if (location.Length > 0 && CheckUri(location, "l") is { } lp)
        {
            problems.Add(lp);
        }
        else if (location.Length > 0 && OtherImage().IsMatch(location))
        {
            problems.Add($"l={location} names an image format other than SVG, which receivers MUST treat as a permanent error ({Draft} §4.3.2)");
        }

        if (!string.IsNullOrEmpty(evidence) && CheckUri(evidence, "a") is { } ap)
        {
            problems.Add(ap);
        }

        if (avp is not null && avp is not ("brand" or "personal"))
        {
            problems.Add($"avp={avp} is neither brand nor personal, so receivers ignore it ({Draft} §4.3)");
        }

        return new BimiRecord
        {
            Text = text,
            Location = location,
            Evidence = evidence,
            AvatarPreference = avp is "personal" ? "personal" : "brand",
            LocalPartSelectors = tags.Get("lps"),
            Problems = problems,
        };
    }

    private static string? CheckUri(string value, string tag)
    {
        if (value.Contains(',', StringComparison.Ordinal))
        {
            return $"{tag}= holds several URIs; it takes a single one ({Draft} §4.3)";
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.HostNameType != UriHostNameType.Dns || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return $"{tag}={DkimText.Quote(value)} is not an https:// URI with a fully qualified domain name, the only kind allowed ({Draft} §4.3)";
        }

        return null;
    }

    [GeneratedRegex(@"^[ \t]*v[ \t]*=[ \t]*BIMI1[ \t]*(;|$)")]
    private static partial Regex Version();

    [GeneratedRegex(@"\.(png|jpe?g|gif|webp|bmp|ico|tiff?)([?#].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex OtherImage();
}
