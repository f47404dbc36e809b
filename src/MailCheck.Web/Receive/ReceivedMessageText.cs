using MimeKit;

namespace MailCheck.Web.Receive;

/// <summary>
/// The body of a received message as the page shows it: its text/plain part decoded, else the HTML part's source (as
/// text, never rendered), else the raw message; cut at <see cref="MaxCharacters"/>. Blazor writes it as text, so no
/// markup in a hostile message can reach the page.
/// </summary>
public static class ReceivedMessageText
{
    /// <summary>Most characters shown (the whole message is a download away).</summary>
    public const int MaxCharacters = 64 * 1024;

    /// <summary>The text to show and what it is ("the plain-text part", "the HTML part's source", "the raw message").</summary>
    public static (string Text, string What, bool Cut) Preview(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text;
        string what;
        try
        {
            using var stream = new MemoryStream(message, writable: false);
            var parsed = MimeMessage.Load(stream);
            if (parsed.TextBody is { } plain)
            {
                (text, what) = (plain, "the plain-text part");
            }
            else if (parsed.HtmlBody is { } html)
            {
                (text, what) = (html, "the HTML part's source (shown as text, never rendered)");
            }
            else
            {
                (text, what) = (System.Text.Encoding.UTF8.GetString(message), "the raw message (no text part)");
            }
        }
        catch (FormatException)
        {
            (text, what) = (System.Text.Encoding.UTF8.GetString(message), "the raw message (not readable as MIME)");
        }

        var cut = text.Length > MaxCharacters;
        return (Core.Receive.InputLinePrintable.Clean(cut ? text[..MaxCharacters] : text), what, cut);
    }
}
