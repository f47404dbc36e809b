using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// The grammar of RFC 7208 §12 (terms §4.6.1, mechanisms §5, modifiers §6, macros §7.1), checked in full: any syntax
/// error anywhere in a record makes it permerror, even after a mechanism that would match (RFC 7208 §4.6).
/// </summary>
internal static partial class SpfRecordParser
{
    private const string Version = "v=spf1";

    private static readonly Dictionary<string, string> Misspellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ipv4"] = "ip4",
        ["ipv6"] = "ip6",
        ["ip"] = "ip4 or ip6",
        ["includes"] = "include",
        ["exist"] = "exists",
    };

    public static bool TryParse(string text, [NotNullWhen(true)] out SpfRecord? record, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        record = null;
        if (!SpfRecordLookup.IsSpfRecord(text))
        {
            error = new SpfSyntaxError("an SPF record starts with \"v=spf1\" followed by a space or the end of the record (RFC 7208 §4.5)", 0);
            return false;
        }

        var terms = new List<SpfTerm>();
        var i = Version.Length;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && text[i] != ' ')
            {
                i++;
            }

            if (!TryParseTerm(text[start..i], start, out var term, out error))
            {
                return false;
            }

            if (term is SpfModifier { IsKnown: true } modifier && terms.OfType<SpfModifier>().Any(m => m.Name == modifier.Name))
            {
                error = new SpfSyntaxError($"{modifier.Name}= appears more than once; it may appear at most once (RFC 7208 §6)", start, term.Text);
                return false;
            }

            terms.Add(term);
        }

        record = new SpfRecord { Text = text, Terms = terms };
        error = null;
        return true;
    }

    private static bool TryParseTerm(string term, int position, [NotNullWhen(true)] out SpfTerm? parsed, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        parsed = null;
        for (var k = 0; k < term.Length; k++)
        {
            var c = term[k];
            if (c is < '!' or > '~')
            {
                var what = c < ' ' || c == '\x7f' ? $"control character 0x{(int)c:X2}" : $"'{c}' (U+{(int)c:X4}), which is not ASCII,";
                error = new SpfSyntaxError($"{what} is not allowed: terms hold only visible ASCII characters and are separated by spaces (RFC 7208 §4.6.1, §12)", position + k, term);
                return false;
            }
        }

        if (ModifierName().Match(term) is { Success: true } m)
        {
            return TryParseModifier(term, position, m.Length - 1, out parsed, out error);
        }

        var qualifier = SpfQualifier.Pass;
        var written = term[0] is '+' or '-' or '~' or '?';
        if (written)
        {
            qualifier = term[0] switch
            {
                '-' => SpfQualifier.Fail,
                '~' => SpfQualifier.SoftFail,
                '?' => SpfQualifier.Neutral,
                _ => SpfQualifier.Pass,
            };
        }

        var nameStart = written ? 1 : 0;
        var nameEnd = term.IndexOfAny([':', '/'], nameStart);
        if (nameEnd < 0)
        {
            nameEnd = term.Length;
        }

        var name = term[nameStart..nameEnd];
        var kind = name.ToLowerInvariant() switch
        {
            "all" => SpfMechanismKind.All,
            "include" => SpfMechanismKind.Include,
            "a" => SpfMechanismKind.A,
            "mx" => SpfMechanismKind.Mx,
            "ptr" => SpfMechanismKind.Ptr,
            "ip4" => SpfMechanismKind.Ip4,
            "ip6" => SpfMechanismKind.Ip6,
            "exists" => SpfMechanismKind.Exists,
            _ => (SpfMechanismKind?)null,
        };
        if (kind is null)
        {
            error = new SpfSyntaxError(UnknownMechanism(term, name, written), position, term);
            return false;
        }

        var mechanism = new SpfMechanism { Text = term, Position = position, Qualifier = qualifier, QualifierWritten = written, Kind = kind.Value };
        var rest = term[nameEnd..];
        var restPosition = position + nameEnd;
        return SpfMechanismParser.TryComplete(mechanism, rest, restPosition, out parsed, out error);
    }

    private static bool TryParseModifier(string term, int position, int nameLength, [NotNullWhen(true)] out SpfTerm? parsed, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        parsed = null;
        var name = term[..nameLength].ToLowerInvariant();
        var value = term[(nameLength + 1)..];
        var valuePosition = position + nameLength + 1;
        var known = name is "redirect" or "exp";
        if (known && value.Length == 0)
        {
            var section = name == "redirect" ? "§6.1" : "§6.2";
            error = new SpfSyntaxError($"{name}= needs a domain, e.g. {name}=_spf.example.com (RFC 7208 {section})", position, term);
            return false;
        }

        if (!SpfMacroString.TryParse(value, known ? SpfMacroUse.DomainSpec : SpfMacroUse.UnknownModifier, out var macro, out var macroError))
        {
            error = new SpfSyntaxError(macroError.Message, valuePosition + macroError.Position, term);
            return false;
        }

        parsed = new SpfModifier { Text = term, Position = position, Name = name, Value = value, Macro = macro };
        error = null;
        return true;
    }

    private static string UnknownMechanism(string term, string name, bool qualified)
    {
        if (name.Contains('=', StringComparison.Ordinal))
        {
            return qualified && ModifierName().IsMatch(term[1..])
                ? "a modifier takes no qualifier: remove the leading +, -, ~ or ? (RFC 7208 §4.6.1)"
                : "this is neither a mechanism nor a valid modifier: a modifier name starts with a letter and holds only letters, digits, '-', '_' and '.' (RFC 7208 §4.6.1, §12)";
        }

        if (name.Equals("redirect", StringComparison.OrdinalIgnoreCase) || name.Equals("exp", StringComparison.OrdinalIgnoreCase))
        {
            return $"{name.ToLowerInvariant()} is a modifier: write {name.ToLowerInvariant()}=domain, with '=' (RFC 7208 §6)";
        }

        if (name.Length == 0)
        {
            return "a qualifier must be followed by a mechanism, e.g. -all (RFC 7208 §4.6.2)";
        }

        var hint = Misspellings.TryGetValue(name, out var meant) ? $"; did you mean {meant}?" : "";
        return $"unknown mechanism '{name}'{hint} SPF has all, include, a, mx, ptr, ip4, ip6 and exists (RFC 7208 §5)";
    }

    /// <summary>A modifier: <c>name =</c> where name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) (RFC 7208 §4.6.1).</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*=", RegexOptions.CultureInvariant)]
    private static partial Regex ModifierName();

    /// <summary>An IP address written where a domain belongs (a common mistake: a:192.0.2.1).</summary>
    internal static string? AddressInsteadOfDomain(string spec)
    {
        if (IPAddress.TryParse(spec.Split('/')[0], out var ip) && (spec.Contains(':', StringComparison.Ordinal) || spec.Count(c => c == '.') == 3))
        {
            return ip.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6:" + spec : "ip4:" + spec;
        }

        return null;
    }

    /// <summary>Parses a CIDR length: "0" or digits without a leading zero, at most <paramref name="max"/>.</summary>
    internal static bool TryParseLength(string digits, int max, out int value)
    {
        value = -1;
        if (digits.Length is 0 or > 3 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        value = int.Parse(digits, CultureInfo.InvariantCulture);
        return value <= max;
    }
}
