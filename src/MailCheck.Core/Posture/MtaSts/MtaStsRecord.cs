using System.Text.RegularExpressions;
using MailCheck.Core.Posture.Dkim;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// The MTA-STS TXT record at <c>_mta-sts.&lt;domain&gt;</c> (RFC 8461 §3.1):
/// <c>v=STSv1; id=&lt;1-32 letters and digits&gt;</c>, fields separated by <c>;</c> with optional whitespace around it,
/// extension fields ignored. Field names are case-sensitive.
/// </summary>
public sealed partial record MtaStsRecord
{
    public required string Text { get; init; }

    /// <summary>The policy id, when the record has a valid one.</summary>
    public string? Id { get; init; }

    /// <summary>Extension fields (ignored by senders, RFC 8461 §3.1).</summary>
    public IReadOnlyList<TagValue> Extensions { get; init; } = [];

    /// <summary>What makes the record invalid (senders then assume there is no policy, RFC 8461 §3.1).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>What is odd but harmless (a repeated field: its first value is used).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when senders accept the record.</summary>
    public bool IsValid => Problems.Count == 0 && Id is not null;

    /// <summary>
    /// True when the text begins with <c>v=STSv1;</c>, exactly so: RFC 8461 §3.1 has senders discard every other TXT
    /// record at the name.
    /// </summary>
    public static bool IsStsRecord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith("v=STSv1;", StringComparison.Ordinal);
    }

    /// <summary>True for text that was probably meant as an MTA-STS record but is not one (e.g. <c>v=STSv1 id=1</c>, <c>v=stsv1;</c>).</summary>
    public static bool IsNearMiss(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !IsStsRecord(text) && text.Contains("stsv1", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads a record that <see cref="IsStsRecord"/> accepted; never throws.</summary>
    public static MtaStsRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        var notes = new List<string>();
        var extensions = new List<TagValue>();
        string? id = null;
        var fields = text.Split(';').Select(f => f.Trim(' ', '\t')).ToList();
        if (fields[0] != "v=STSv1")
        {
            problems.Add($"it must begin with \"v=STSv1;\", not \"{DkimText.Quote(fields[0])}\"");
        }

        // sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]: only the last may be empty.
        for (var i = 1; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.Length == 0)
            {
                if (i != fields.Count - 1)
                {
                    problems.Add("it has an empty field between two \";\"");
                }

                continue;
            }

            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? field : field[..equals];
            var value = equals < 0 ? "" : field[(equals + 1)..];
            if (equals < 0 || !FieldName().IsMatch(name))
            {
                problems.Add($"\"{DkimText.Quote(field)}\" is not a name=value field (no spaces around \"=\")");
            }
            else if (name == "id")
            {
                if (!IdValue().IsMatch(value))
                {
                    problems.Add($"the id \"{DkimText.Quote(value)}\" is not 1 to 32 letters and digits");
                }
                else if (id is null)
                {
                    id = value;
                }
                else
                {
                    notes.Add($"id appears more than once; senders use the first, {id}");
                }
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

        if (id is null && !problems.Exists(p => p.StartsWith("the id", StringComparison.Ordinal)))
        {
            var wrongCase = extensions.FirstOrDefault(e => e.Name.Equals("id", StringComparison.OrdinalIgnoreCase));
            problems.Add(wrongCase is null
                ? "it has no id= field"
                : $"it has no id= field (\"{wrongCase.Name}=\" is another field: names are case-sensitive)");
        }

        return new MtaStsRecord { Text = text, Id = id, Extensions = extensions, Problems = problems, Notes = notes };
    }

    // sts-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")]
    private static partial Regex FieldName();

    // sts-id = %s"id=" 1*32(ALPHA / DIGIT)
    [GeneratedRegex(@"^[A-Za-z0-9]{1,32}$")]
    private static partial Regex IdValue();

    // sts-ext-value = 1*(%x21-3A / %x3C / %x3E-7E)
    [GeneratedRegex(@"^[\x21-\x3A\x3C\x3E-\x7E]+$")]
    private static partial Regex ExtensionValue();
}
