using System.Globalization;
using System.Text.RegularExpressions;
using MailCheck.Core.Posture.Dkim;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// An MTA-STS policy file (RFC 8461 §3.2): <c>key: value</c> lines ended by LF or CRLF — <c>version: STSv1</c>,
/// <c>mode</c>, <c>max_age</c>, one <c>mx</c> line per allowed pattern — in any order. Field names and the values of
/// version and mode are case-sensitive; unknown fields are ignored; of a repeated field other than mx the first wins.
/// </summary>
public sealed partial record MtaStsPolicy
{
    /// <summary>The largest max_age (RFC 8461 §3.2): 31557600 seconds, a year.</summary>
    public const long MaxMaxAge = 31_557_600;

    /// <summary>One day: RFC 8461 §3.2 expects max_age "in the range of weeks or greater".</summary>
    public const long ShortMaxAge = 86_400;

    public required string Text { get; init; }

    public string? Version { get; init; }

    public MtaStsMode? Mode { get; init; }

    /// <summary>Seconds, as written (may exceed <see cref="MaxMaxAge"/>: that is a problem).</summary>
    public long? MaxAge { get; init; }

    /// <summary>The mx patterns, in order, as written.</summary>
    public IReadOnlyList<string> Mx { get; init; } = [];

    /// <summary>Fields this version of MTA-STS does not define (ignored by senders).</summary>
    public IReadOnlyList<TagValue> Extensions { get; init; } = [];

    /// <summary>What makes senders reject the policy (they then act as if the domain had none).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>What is outside the grammar or odd but does not stop senders that parse leniently.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsValid => Problems.Count == 0;

    /// <summary>Reads a policy body; never throws.</summary>
    public static MtaStsPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        var warnings = new List<string>();
        var extensions = new List<TagValue>();
        var mx = new List<string>();
        string? version = null, mode = null, maxAge = null;

        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1); // sts-policy-record ends with an optional terminator
        }

        if (lines.Count == 0)
        {
            problems.Add("the policy is empty");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"line {i + 1}";
            if (line.Trim(' ', '\t').Length == 0)
            {
                warnings.Add($"{at} is blank; the grammar has none (strict senders reject the policy)");
                continue;
            }

            if (line.Contains('\r', StringComparison.Ordinal))
            {
                problems.Add($"{at} holds a bare carriage return (lines end with LF or CRLF)");
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                warnings.Add($"{at} starts with whitespace, which the grammar does not allow (strict senders reject the policy)");
                line = line.TrimStart(' ', '\t');
            }

            var match = Field().Match(line);
            if (!match.Success)
            {
                problems.Add($"{at}, \"{DkimText.Quote(line)}\", is not a \"key: value\" field");
                continue;
            }

            var key = match.Groups[1].Value;
            var value = match.Groups[2].Value;
            switch (key)
            {
                case "version":
                    First(ref version, value, key, warnings);
                    break;
                case "mode":
                    First(ref mode, value, key, warnings);
                    break;
                case "max_age":
                    First(ref maxAge, value, key, warnings);
                    break;
                case "mx":
                    mx.Add(value);
                    break;
                default:
                    extensions.Add(new TagValue(key, value));
                    if (!ExtensionValue().IsMatch(value))
                    {
                        warnings.Add($"the value of the unknown field \"{key}\" is empty or holds control characters");
                    }

                    break;
            }
        }

        var parsedMode = ReadMode(mode, extensions, problems);
        var parsedMaxAge = ReadMaxAge(maxAge, problems);
        if (version is null)
        {
            problems.Add(WithCaseHint("it has no \"version: STSv1\" line", "version", extensions));
        }
        else if (version != "STSv1")
        {
            problems.Add($"the version is \"{DkimText.Quote(version)}\"; only \"STSv1\" exists");
        }

        if (mx.Count == 0 && parsedMode is MtaStsMode.Enforce or MtaStsMode.Testing)
        {
            problems.Add(WithCaseHint("it has no mx line, which every policy needs unless its mode is none", "mx", extensions));
        }

        foreach (var pattern in mx)
        {
            if (MtaStsPattern.Problem(pattern) is { } why)
            {
                warnings.Add($"the mx pattern \"{DkimText.Quote(pattern)}\" can never match: {why}");
            }
        }

        return new MtaStsPolicy
        {
            Text = text,
            Version = version,
            Mode = parsedMode,
            MaxAge = parsedMaxAge,
            Mx = mx,
            Extensions = extensions,
            Problems = problems,
            Warnings = warnings,
        };
    }

    /// <summary>"enforce", "testing", "none".</summary>
    public static string Name(MtaStsMode mode) => mode.ToString().ToLowerInvariant();

    private static void First(ref string? slot, string value, string key, List<string> warnings)
    {
        if (slot is null)
        {
            slot = value;
        }
        else
        {
            warnings.Add($"\"{key}\" appears more than once; senders use the first value, \"{DkimText.Quote(slot)}\"");
        }
    }

    private static MtaStsMode? ReadMode(string? mode, List<TagValue> extensions, List<string> problems)
    {
        switch (mode)
        {
            case "enforce": return MtaStsMode.Enforce;
            case "testing": return MtaStsMode.Testing;
            case "none": return MtaStsMode.None;
            case null:
                problems.Add(WithCaseHint("it has no mode line", "mode", extensions));
                return null;
            default:
                problems.Add($"the mode \"{DkimText.Quote(mode)}\" is none of enforce, testing, none (lower case)");
                return null;
        }
    }

    private static long? ReadMaxAge(string? maxAge, List<string> problems)
    {
        if (maxAge is null)
        {
            problems.Add("it has no max_age line");
            return null;
        }

        if (!MaxAgeValue().IsMatch(maxAge))
        {
            problems.Add($"max_age \"{DkimText.Quote(maxAge)}\" is not a number of seconds (1 to 10 digits)");
            return null;
        }

        var seconds = long.Parse(maxAge, NumberStyles.None, CultureInfo.InvariantCulture);
        if (seconds > MaxMaxAge)
        {
            problems.Add($"max_age {seconds} is more than the maximum, {MaxMaxAge} (a year)");
        }

        return seconds;
    }

    private static string WithCaseHint(string problem, string key, List<TagValue> extensions)
    {
        var wrongCase = extensions.FirstOrDefault(e => e.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
        return wrongCase is null ? problem : $"{problem} (\"{wrongCase.Name}\" is another field: field names are case-sensitive)";
    }

    // sts-policy-field = name ":" *WSP value, then *WSP; sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9_.\-]{0,31}):[ \t]*(.*?)[ \t]*$")]
    private static partial Regex Field();

    // sts-policy-max-age-value = 1*10(DIGIT)
    [GeneratedRegex(@"^[0-9]{1,10}$")]
    private static partial Regex MaxAgeValue();

    // sts-policy-ext-value: visible characters (UTF-8 allowed) and inner spaces, no control characters.
    [GeneratedRegex(@"^[^\x00-\x1F\x7F ](?:[^\x00-\x1F\x7F]*[^\x00-\x1F\x7F ])?$")]
    private static partial Regex ExtensionValue();
}
