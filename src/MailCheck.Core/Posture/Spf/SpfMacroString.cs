using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// A parsed macro-string (RFC 7208 §7.1): the domain-spec of a mechanism or modifier, or an explanation text.
/// Parsing checks all of its syntax, so an error is found before anything is evaluated (RFC 7208 §4.6).
/// </summary>
public sealed record SpfMacroString
{
    /// <summary>Letters a domain-spec may use; <c>c</c>, <c>r</c> and <c>t</c> are for explanations only (RFC 7208 §7.2).</summary>
    private const string DomainLetters = "slodiphv";

    private const string AllLetters = "slodiphcrtv";

    private const string DelimiterChars = ".-+,/_=";

    /// <summary>The text as written.</summary>
    public required string Text { get; init; }

    /// <summary>The pieces, in order.</summary>
    public required IReadOnlyList<SpfMacroToken> Tokens { get; init; }

    /// <summary>True when any <c>%{…}</c> macro appears.</summary>
    public bool HasMacros => Tokens.Any(t => t.IsMacro);

    /// <summary>The macro letters used (lower case).</summary>
    public IReadOnlySet<char> Letters => Tokens.Where(t => t.IsMacro).Select(t => t.Letter).ToHashSet();

    /// <summary>Parses <paramref name="text"/> as used in <paramref name="use"/>.</summary>
    public static bool TryParse(string text, SpfMacroUse use, [NotNullWhen(true)] out SpfMacroString? value, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        var tokens = new List<SpfMacroToken>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var endsWithMacroExpand = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '%')
            {
                var allowed = c is >= '!' and <= '~' || (c == ' ' && use == SpfMacroUse.Explanation);
                if (!allowed)
                {
                    error = new SpfSyntaxError(DescribeBadCharacter(c) + " (RFC 7208 §7.1: only visible ASCII characters)", i);
                    return false;
                }

                literal.Append(c);
                endsWithMacroExpand = false;
                i++;
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (next)
            {
                case '%':
                    literal.Append('%');
                    break;
                case '_':
                    literal.Append(' ');
                    break;
                case '-':
                    literal.Append("%20");
                    break;
                case '{':
                    Flush(tokens, literal, text, literalStart, i);
                    if (!TryParseMacro(text, i, use, out var macro, out var end, out error))
                    {
                        return false;
                    }

                    tokens.Add(macro);
                    i = end;
                    literalStart = i;
                    endsWithMacroExpand = true;
                    continue;
                default:
                    error = new SpfSyntaxError("'%' must be followed by '{', '%', '_' or '-'; write %% for a percent sign (RFC 7208 §7.1)", i);
                    return false;
            }

            endsWithMacroExpand = true;
            i += 2;
        }

        Flush(tokens, literal, text, literalStart, text.Length);
        if (use == SpfMacroUse.DomainSpec && !endsWithMacroExpand && !EndsWithTopLabel(text))
        {
            error = new SpfSyntaxError(
                $"'{text}' is not a valid domain: it must end in a dot and a top-level label (such as .com; not all digits, "
                + "no leading or trailing hyphen) or in a macro (RFC 7208 §7.1)",
                0);
            return false;
        }

        value = new SpfMacroString { Text = text, Tokens = tokens };
        error = null;
        return true;
    }

    /// <summary>
    /// The <c>toplabel</c> rule of RFC 7208 §7.1: letters, digits and hyphens, not starting or ending with a hyphen, and
    /// not all digits (unless it holds a hyphen).
    /// </summary>
    public static bool IsTopLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0 || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]))
        {
            return false;
        }

        return label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label.Any(c => char.IsAsciiLetter(c) || c == '-');
    }

    /// <summary>True when the literal text ends with "." toplabel and an optional ".".</summary>
    private static bool EndsWithTopLabel(string text)
    {
        var end = text.EndsWith('.') ? text.Length - 1 : text.Length;
        var dot = text.LastIndexOf('.', Math.Max(0, end - 1));
        return dot >= 0 && dot < end - 1 && IsTopLabel(text[(dot + 1)..end]);
    }

    private static void Flush(List<SpfMacroToken> tokens, StringBuilder literal, string text, int start, int end)
    {
        if (literal.Length == 0)
        {
            return;
        }

        tokens.Add(new SpfMacroToken { Source = text[start..end], Literal = literal.ToString() });
        literal.Clear();
    }

    /// <summary>Parses <c>%{letter transformers *delimiter}</c> starting at <paramref name="start"/> (the '%').</summary>
    private static bool TryParseMacro(string text, int start, SpfMacroUse use, [NotNullWhen(true)] out SpfMacroToken? macro, out int end, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        macro = null;
        end = start;
        var close = text.IndexOf('}', start + 2);
        if (close < 0)
        {
            error = new SpfSyntaxError("'%{' has no closing '}' (RFC 7208 §7.1)", start);
            return false;
        }

        var body = text[(start + 2)..close];
        var source = text[start..(close + 1)];
        if (body.Length == 0)
        {
            error = new SpfSyntaxError("'%{}' names no macro letter (RFC 7208 §7.1)", start);
            return false;
        }

        var letter = char.ToLowerInvariant(body[0]);
        if (!AllLetters.Contains(letter, StringComparison.Ordinal))
        {
            error = new SpfSyntaxError($"'{body[0]}' in {source} is not a macro letter: use one of s l o d i p h v, or c r t in an explanation (RFC 7208 §7.2)", start);
            return false;
        }

        if (use == SpfMacroUse.DomainSpec && !DomainLetters.Contains(letter, StringComparison.Ordinal))
        {
            error = new SpfSyntaxError($"{source} may be used only in the explanation text that exp= points to, not in a domain (RFC 7208 §7.2)", start);
            return false;
        }

        var i = 1;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
        }

        var keep = 0;
        if (i > 1)
        {
            var digits = body[1..i].TrimStart('0');
            if (digits.Length == 0)
            {
                error = new SpfSyntaxError($"{source} keeps zero parts: the number must be 1 or more (RFC 7208 §7.3)", start);
                return false;
            }

            // At least 127 must work (RFC 7208 §7.3); any larger number keeps every part anyway.
            keep = digits.Length > 4 ? 9999 : int.Parse(digits, CultureInfo.InvariantCulture);
        }

        var reverse = false;
        if (i < body.Length && body[i] is 'r' or 'R')
        {
            reverse = true;
            i++;
        }

        var delimiters = body[i..];
        foreach (var d in delimiters)
        {
            if (!DelimiterChars.Contains(d, StringComparison.Ordinal))
            {
                error = new SpfSyntaxError($"'{d}' in {source} is not a transformer or delimiter: after the letter come digits, 'r', then any of . - + , / _ = (RFC 7208 §7.1)", start);
                return false;
            }
        }

        macro = new SpfMacroToken
        {
            Source = source,
            Letter = letter,
            Keep = keep,
            Reverse = reverse,
            Delimiters = delimiters.Length == 0 ? "." : delimiters,
            Escape = char.IsAsciiLetterUpper(body[0]),
        };
        end = close + 1;
        error = null;
        return true;
    }

    private static string DescribeBadCharacter(char c) => c switch
    {
        ' ' => "a space is not allowed here",
        < ' ' or '\x7f' => $"control character 0x{(int)c:X2} is not allowed",
        _ => $"'{c}' (U+{(int)c:X4}) is not allowed",
    };
}
