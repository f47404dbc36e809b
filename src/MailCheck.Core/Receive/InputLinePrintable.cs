namespace MailCheck.Core.Receive;

/// <summary>Text from a received message made safe to show: control characters (but line breaks and tabs) as \xNN.</summary>
public static class InputLinePrintable
{
    /// <summary>Keeps CR, LF and TAB; shows every other control character (and U+2028/9) as \xNN or \uNNNN.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(InputLine.Printable));
    }
}
