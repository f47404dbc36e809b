namespace MailCheck.Core.Checks;

/// <summary>A test message ready for DATA.</summary>
/// <param name="Wire">The bytes sent after 354: CRLF line endings, dot-stuffed, ending with ".\r\n".</param>
/// <param name="Size">The message size before dot-stuffing (what SIZE= declares).</param>
/// <param name="Lines">The number of lines of the message.</param>
/// <param name="Summary">The header block plus "N bytes, M lines": what the transcript shows (never the body).</param>
/// <param name="EightBit">True when the body is sent as 8bit and needs BODY=8BITMIME.</param>
internal sealed record TestMessage(byte[] Wire, long Size, int Lines, string Summary, bool EightBit);
