namespace MailCheck.Core.Checks;

/// <summary>
/// Finds characters that must never reach an SMTP command line or a header: C0 controls (CR, LF, NUL, TAB ...),
/// DEL, C1 controls, and the Unicode line and paragraph separators (U+2028, U+2029).
/// </summary>
public static class ControlCharacters
{
    /// <summary>True for a character refused in every field but the body.</summary>
    public static bool IsForbidden(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>The index of the first forbidden character, or -1.</summary>
    public static int IndexOfForbidden(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (IsForbidden(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A readable name for a forbidden character, e.g. "CR (U+000D)".</summary>
    public static string Describe(char c) => c switch
    {
        '\r' => "a carriage return (CR, U+000D)",
        '\n' => "a line feed (LF, U+000A)",
        '\t' => "a tab (U+0009)",
        '\0' => "a NUL character (U+0000)",
        '\u007f' => "a DEL character (U+007F)",
        '\u2028' => "a line separator (U+2028)",
        '\u2029' => "a paragraph separator (U+2029)",
        _ => $"a control character (U+{(int)c:X4})",
    };
}
