namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// The <c>tag=value</c> list of DKIM key records (RFC 6376 §3.2), which DMARC (RFC 9989 §4.7) and BIMI records reuse.
/// Parsing never throws: what does not fit the grammar is listed in <see cref="Errors"/> and left out.
/// </summary>
public sealed record TagValueList
{
    /// <summary>Every well-formed pair, in order (a repeated name appears each time it was written).</summary>
    public required IReadOnlyList<TagValue> Tags { get; init; }

    /// <summary>What does not fit the grammar, one plain sentence each.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>Names written more than once: RFC 6376 §3.2 makes such a list invalid as a whole.</summary>
    public required IReadOnlyList<string> Duplicates { get; init; }

    /// <summary>True when names are compared without regard to case (DMARC); DKIM names are case-sensitive (RFC 6376 §3.2).</summary>
    public bool IgnoreCase { get; init; }

    private StringComparison Comparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The value of the first tag named <paramref name="name"/>, or null when there is none.</summary>
    public string? Get(string name) => Tags.FirstOrDefault(t => string.Equals(t.Name, name, Comparison))?.Value;

    public bool Contains(string name) => Tags.Any(t => string.Equals(t.Name, name, Comparison));

    /// <summary>Splits <paramref name="text"/> into its pairs (RFC 6376 §3.2: <c>tag-spec *( ";" tag-spec ) [ ";" ]</c>).</summary>
    public static TagValueList Parse(string text, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = new List<TagValue>();
        var errors = new List<string>();
        foreach (var segment in text.Split(';'))
        {
            var spec = Trim(segment);
            if (spec.Length == 0)
            {
                // A trailing ";" is allowed; an empty piece in the middle carries nothing either.
                continue;
            }

            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                errors.Add($"\"{Shorten(spec)}\" is not a tag=value pair");
                continue;
            }

            var name = Trim(spec[..equals]);
            var value = Trim(spec[(equals + 1)..]);
            if (!IsTagName(name))
            {
                errors.Add(name.Length == 0 ? $"\"{Shorten(spec)}\" has no tag name before \"=\"" : $"\"{Shorten(name)}\" is not a tag name (a letter, then letters, digits or \"_\")");
                continue;
            }

            if (value.Any(c => !IsValueChar(c)))
            {
                errors.Add($"the value of {name}= holds a character that is not allowed (printable ASCII except \";\")");
            }

            tags.Add(new TagValue(name, value));
        }

        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var duplicates = tags.GroupBy(t => t.Name, comparer).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return new TagValueList { Tags = tags, Errors = errors, Duplicates = duplicates, IgnoreCase = ignoreCase };
    }

    private static string Trim(string s) => s.Trim(' ', '\t', '\r', '\n');

    // tag-name = ALPHA *ALNUMPUNC; ALNUMPUNC = ALPHA / DIGIT / "_"
    private static bool IsTagName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    // VALCHAR = %x21-3A / %x3C-7E, with whitespace between value tokens (RFC 6376 §3.2).
    private static bool IsValueChar(char c) => c is (>= '!' and <= ':') or (>= '<' and <= '~') or ' ' or '\t' or '\r' or '\n';

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
