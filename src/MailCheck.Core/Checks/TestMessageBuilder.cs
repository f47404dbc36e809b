using System.Globalization;
using System.Text;
using MimeKit;

namespace MailCheck.Core.Checks;

/// <summary>
/// Builds the test message with MimeKit: Date, Message-ID, From, To, Subject, <c>X-MailCheck-Check</c>, the user's
/// body and a footer naming the instance; then writes it for DATA: CRLF line endings (bare CR and LF normalised),
/// dot-stuffing (RFC 5321 §4.5.2) and the final ".".
/// </summary>
internal static class TestMessageBuilder
{
    public const string CheckHeader = "X-MailCheck-Check";

    /// <param name="checkId">The check id, carried in the X-MailCheck-Check header and the footer.</param>
    /// <param name="from">The sender mailbox.</param>
    /// <param name="recipients">The recipient mailboxes.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="body">The user's body (any line endings).</param>
    /// <param name="instanceName">Names this MailCheck instance in the footer.</param>
    /// <param name="date">The Date header.</param>
    /// <param name="allow8Bit">True when the server offers 8BITMIME: a non-ASCII body may go as 8bit.</param>
    /// <param name="international">True when SMTPUTF8 is in use: headers may carry UTF-8.</param>
    public static TestMessage Build(
        string checkId,
        MailboxAddress from,
        IReadOnlyList<MailboxAddress> recipients,
        string subject,
        string body,
        string instanceName,
        DateTimeOffset date,
        bool allow8Bit,
        bool international)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(recipients);
        var message = new MimeMessage
        {
            Date = date,
            Subject = subject,
            MessageId = $"mailcheck.{checkId}@{MessageIdDomain(from)}",
        };
        message.From.Add(from);
        message.To.AddRange(recipients);
        message.Headers.Add(CheckHeader, checkId);

        var text = NormaliseNewLines(body ?? "");
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            text += "\n";
        }

        text += string.Create(CultureInfo.InvariantCulture, $"-- \nSent by MailCheck (instance {instanceName}) as a delivery test, check {checkId}.\n");
        var part = new TextPart("plain") { Text = text };
        part.ContentType.Charset = "utf-8";
        message.Body = part;
        message.Prepare(allow8Bit ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit, 998);

        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = international;
        using var buffer = new MemoryStream();
        message.WriteTo(format, buffer);
        var normalised = NormaliseCrlf(buffer.ToArray());
        var (wire, lines) = DotStuff(normalised);
        return new TestMessage(wire, normalised.Length, lines, Summarise(normalised, lines), part.ContentTransferEncoding == ContentEncoding.EightBit);
    }

    /// <summary>Turns every bare CR, bare LF and CRLF into CRLF and makes sure the text ends with CRLF.</summary>
    internal static byte[] NormaliseCrlf(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>(input.Length + 64);
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == '\r')
            {
                if (i + 1 < input.Length && input[i + 1] == '\n')
                {
                    i++;
                }

                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }
            else if (b == '\n')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }
            else
            {
                output.Add(b);
            }
        }

        if (output.Count < 2 || output[^2] != '\r' || output[^1] != '\n')
        {
            output.Add((byte)'\r');
            output.Add((byte)'\n');
        }

        return [.. output];
    }

    /// <summary>Doubles a leading "." on every line and appends the final ".\r\n". Input must be CRLF-normalised.</summary>
    internal static (byte[] Wire, int Lines) DotStuff(ReadOnlySpan<byte> crlfText)
    {
        var output = new List<byte>(crlfText.Length + 16);
        var lines = 0;
        var lineStart = true;
        foreach (var b in crlfText)
        {
            if (lineStart && b == '.')
            {
                output.Add((byte)'.');
            }

            output.Add(b);
            lineStart = b == '\n';
            if (lineStart)
            {
                lines++;
            }
        }

        output.AddRange(".\r\n"u8);
        return ([.. output], lines);
    }

    private static string Summarise(byte[] message, int lines)
    {
        var end = message.AsSpan().IndexOf("\r\n\r\n"u8);
        var headers = Encoding.UTF8.GetString(message, 0, end < 0 ? message.Length : end).Replace("\r\n", "\n", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"{headers}\n\n({message.Length} bytes, {lines} lines)");
    }

    private static string NormaliseNewLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string MessageIdDomain(MailboxAddress from)
    {
        var address = from.GetAddress(true);
        var at = address.LastIndexOf('@');
        var domain = at >= 0 ? address[(at + 1)..].Trim('[', ']') : "";
        return domain.Length > 0 && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') ? domain : "mailcheck.localhost";
    }
}
