using System.Text;

namespace MailCheck.Core.Smtp;

/// <summary>
/// Reads SMTP replies (RFC 5321 §4.2) from a stream with a bounded buffer.
/// </summary>
/// <remarks>
/// <para>Each line is three digits (first digit 2-5) followed by '-' (more lines follow), ' ' or nothing (last line).
/// A multi-line reply whose codes differ, a non-numeric code, invalid UTF-8, a line longer than
/// <c>maxLineBytes</c> (CRLF included) or a reply longer than <c>maxReplyBytes</c> throws
/// <see cref="SmtpProtocolException"/> carrying the raw text (truncated). Memory stays bounded: the reader holds
/// one line buffer and at most <c>maxReplyBytes</c> of decoded lines.</para>
/// <para>Bare LF line endings are accepted leniently (the line is the same either way and rejecting them only
/// hides what the server said); a lone CR inside a line is kept as part of the text.</para>
/// <para>The enhanced status code (RFC 3463) is taken from the first line when it is plainly there: "c.s.d" with
/// c equal to the reply's class (2, 4 or 5), s and d of 1-3 digits, followed by a space or the end of the line.
/// Replies before EHLO (the banner, the EHLO reply itself) cannot know whether ENHANCEDSTATUSCODES will be
/// advertised, and the class check keeps free text such as "220 1.2.3 ready" from being misread.</para>
/// </remarks>
internal sealed class SmtpReplyReader
{
    private const int MaxRawTextChars = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private readonly int _maxReplyBytes;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public SmtpReplyReader(Stream stream, int maxLineBytes, int maxReplyBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplyBytes, maxLineBytes);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _maxReplyBytes = maxReplyBytes;
        _buffer = new byte[maxLineBytes];
    }

    /// <summary>Bytes received but not yet consumed as part of a reply.</summary>
    public int BufferedCount => _end - _start;

    /// <summary>Reads one complete reply.</summary>
    /// <exception cref="SmtpProtocolException">The reply is malformed or too long.</exception>
    /// <exception cref="EndOfStreamException">The server closed the connection before a complete reply.</exception>
    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var raw = new StringBuilder();
        var total = 0;
        var code = -1;
        while (true)
        {
            var line = await ReadLineAsync(raw, lines.Count > 0, cancellationToken).ConfigureAwait(false);
            total += line.ByteCount;
            if (total > _maxReplyBytes)
            {
                throw new SmtpProtocolException($"The reply is longer than {_maxReplyBytes} bytes.", Truncate(raw));
            }

            var text = line.Text;
            var lineCode = ParseCode(text);
            if (lineCode < 0)
            {
                throw new SmtpProtocolException("The reply line does not start with a three-digit code.", Truncate(raw));
            }

            if (code >= 0 && lineCode != code)
            {
                throw new SmtpProtocolException($"The lines of one reply carry different codes ({code} and {lineCode}).", Truncate(raw));
            }

            code = lineCode;
            bool last;
            if (text.Length == 3 || text[3] == ' ')
            {
                last = true;
            }
            else if (text[3] == '-')
            {
                last = false;
            }
            else
            {
                throw new SmtpProtocolException("The reply code is not followed by a space or '-'.", Truncate(raw));
            }

            lines.Add(text);
            if (last)
            {
                return new SmtpReply(code, lines, ParseEnhancedCode(code, lines[0]));
            }
        }
    }

    /// <summary>Parses "c.s.d" after the code on <paramref name="firstLine"/> when its class matches the code's.</summary>
    internal static string? ParseEnhancedCode(int code, string firstLine)
    {
        if (firstLine.Length < 9)
        {
            return null;
        }

        var s = firstLine.AsSpan(4);
        var cls = (char)('0' + (code / 100));
        if (cls is not ('2' or '4' or '5') || s[0] != cls || s[1] != '.')
        {
            return null;
        }

        var i = 2;
        if (!Digits(s, ref i) || i >= s.Length || s[i] != '.')
        {
            return null;
        }

        i++;
        if (!Digits(s, ref i))
        {
            return null;
        }

        if (i < s.Length && s[i] != ' ')
        {
            return null;
        }

        return s[..i].ToString();

        static bool Digits(ReadOnlySpan<char> s, ref int i)
        {
            var n = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && n < 4)
            {
                i++;
                n++;
            }

            return n is >= 1 and <= 3;
        }
    }

    private static int ParseCode(string text)
    {
        if (text.Length < 3 || text[0] is < '2' or > '5' || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]))
        {
            return -1;
        }

        return ((text[0] - '0') * 100) + ((text[1] - '0') * 10) + (text[2] - '0');
    }

    private static string Truncate(StringBuilder raw) =>
        raw.Length <= MaxRawTextChars ? raw.ToString() : raw.ToString(0, MaxRawTextChars) + " …(truncated)";

    private async Task<(string Text, int ByteCount)> ReadLineAsync(StringBuilder raw, bool continuation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var count = lf - _start + 1;
                var contentLength = count - 1;
                if (contentLength > 0 && _buffer[lf - 1] == '\r')
                {
                    contentLength--;
                }

                var bytes = _buffer.AsSpan(_start, contentLength);
                _start = lf + 1;
                AppendRaw(raw, bytes, continuation);
                string text;
                try
                {
                    text = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw new SmtpProtocolException("The reply is not valid UTF-8.", Truncate(raw));
                }

                return (text, count);
            }

            if (_end - _start >= _maxLineBytes)
            {
                AppendRaw(raw, _buffer.AsSpan(_start, Math.Min(_end - _start, MaxRawTextChars)), continuation);
                throw new SmtpProtocolException($"A reply line is longer than {_maxLineBytes} bytes.", Truncate(raw));
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException(_end > _start || continuation
                    ? "The server closed the connection in the middle of a reply."
                    : "The server closed the connection.");
            }

            _end += read;
        }
    }

    private static void AppendRaw(StringBuilder raw, ReadOnlySpan<byte> bytes, bool continuation)
    {
        if (raw.Length >= MaxRawTextChars)
        {
            return;
        }

        if (continuation)
        {
            raw.Append('\n');
        }

        raw.Append(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxRawTextChars)]));
    }
}
