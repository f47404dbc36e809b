using System.Globalization;
using System.Text;
using MailCheck.Core.Checks;
using MimeKit;

namespace MailCheck.Core.Receive;

/// <summary>
/// The message event's text and detail: size, lines, the header fields people look for first, and the MIME
/// structure. Never the body. Values are text only, control characters escaped: nothing in a received message can
/// mark up a page or steer a terminal.
/// </summary>
public static class ReceivedMessageSummary
{
    /// <summary>Most header fields listed in the detail.</summary>
    public const int MaxHeaders = 200;

    /// <summary>Longest header value kept in the detail (RFC 5322 §2.1.1: a line is at most 998 characters).</summary>
    public const int MaxValueLength = 998;

    /// <summary>Most MIME parts listed.</summary>
    public const int MaxParts = 100;

    private static readonly string[] Shown = ["From", "Sender", "To", "Cc", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"];

    public static (string Text, ReceivedMessageDetail Detail) Read(byte[] message, DataStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(stats);
        var size = stats.Size.ToString("N0", CultureInfo.InvariantCulture);
        var head = $"Message: {size} bytes, {stats.Lines.ToString("N0", CultureInfo.InvariantCulture)} lines";
        MimeMessage parsed;
        try
        {
            using var stream = new MemoryStream(message, writable: false);
            parsed = MimeMessage.Load(stream);
        }
        catch (FormatException ex)
        {
            var failed = new ReceivedMessageDetail { Size = stats.Size, Lines = stats.Lines, ParseError = ex.Message, BareLineFeeds = stats.BareLineFeeds, LongLines = stats.LongLines, SmugglingSequences = stats.SmugglingSequences, EightBit = stats.EightBit };
            return ($"{head} (not readable as a message: {ex.Message})", failed);
        }

        var headers = parsed.Headers.Take(MaxHeaders).Select(h => new MessageHeaderField(h.Field, Clip(InputLine.Printable(Unfold(h.Value))))).ToList();
        var parts = new List<MimePartSummary>();
        Walk(parsed.Body, 0, parts);
        var text = new StringBuilder(head);
        foreach (var name in Shown)
        {
            foreach (var h in headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                text.Append('\n').Append(h.Name).Append(": ").Append(h.Value.Length > 200 ? h.Value[..200] + " …" : h.Value);
            }
        }

        text.Append("\nMIME: ").Append(parts.Count == 0 ? "(no body)" : Structure(parts));
        var detail = new ReceivedMessageDetail
        {
            Size = stats.Size,
            Lines = stats.Lines,
            Headers = headers,
            HeadersTruncated = parsed.Headers.Count > MaxHeaders,
            Parts = parts,
            BareLineFeeds = stats.BareLineFeeds,
            LongLines = stats.LongLines,
            SmugglingSequences = stats.SmugglingSequences,
            EightBit = stats.EightBit,
        };
        return (text.ToString(), detail);
    }

    /// <summary>"multipart/alternative (text/plain, text/html)".</summary>
    private static string Structure(List<MimePartSummary> parts)
    {
        var top = parts[0];
        var children = parts.Skip(1).Where(p => p.Depth == 1).Select(p => p.FileName is null ? p.ContentType.Split(';')[0] : $"{p.ContentType.Split(';')[0]} \"{p.FileName}\"").ToList();
        var more = parts.Count(p => p.Depth > 1);
        return children.Count == 0
            ? top.ContentType
            : $"{top.ContentType.Split(';')[0]} ({string.Join(", ", children)}{(more > 0 ? $", and {more} nested part(s)" : "")})";
    }

    private static void Walk(MimeEntity? entity, int depth, List<MimePartSummary> parts)
    {
        if (entity is null || parts.Count >= MaxParts)
        {
            return;
        }

        var type = entity.ContentType;
        var charset = type.Charset is null ? "" : $"; charset={type.Charset.ToLowerInvariant()}";
        var name = InputLine.Printable($"{type.MediaType}/{type.MediaSubtype}".ToLowerInvariant() + charset);
        var encoding = entity.Headers[HeaderId.ContentTransferEncoding] is { Length: > 0 } cte ? InputLine.Printable(cte.Trim().ToLowerInvariant()) : null;
        var file = entity is MimePart part && part.FileName is { } f ? Clip(InputLine.Printable(f)) : null;
        parts.Add(new MimePartSummary(depth, name, encoding, file));
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Walk(child, depth + 1, parts);
                }

                break;
            case MessagePart { Message: { } inner }:
                Walk(inner.Body, depth + 1, parts);
                break;
        }
    }

    private static string Unfold(string value) => value.Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim();

    private static string Clip(string value) => value.Length > MaxValueLength ? value[..MaxValueLength] + " …" : value;
}
