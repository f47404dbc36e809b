using System.Text;

namespace MailCheck.Core.Receive;

/// <summary>One line a client sent, without its line ending.</summary>
/// <param name="Bytes">The line as received (cut at the limit when <paramref name="TooLong"/>).</param>
/// <param name="TooLong">The line was longer than allowed; <paramref name="Bytes"/> holds its start.</param>
/// <param name="BareLineFeed">The line ended in LF without CR (RFC 5321 §2.3.8 allows only CRLF).</param>
/// <param name="Unterminated">The connection closed before the line's end.</param>
internal sealed record InputLine(byte[] Bytes, bool TooLong, bool BareLineFeed, bool Unterminated)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The line as text: UTF-8 (invalid bytes shown as U+FFFD), control characters shown as \xNN so no
    /// transcript, page or terminal can be steered by them.</summary>
    public string Text => Printable(Utf8.GetString(Bytes));

    /// <summary>True when the line is valid UTF-8 without control characters (NUL, a lone CR ...).</summary>
    public bool IsClean
    {
        get
        {
            try
            {
                var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Bytes);
                return !text.Any(char.IsControl);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }

    /// <summary>Control characters (except TAB) as \xNN.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => char.IsControl(c) && c != '\t' || c is '\u2028' or '\u2029'))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029')
            {
                sb.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
