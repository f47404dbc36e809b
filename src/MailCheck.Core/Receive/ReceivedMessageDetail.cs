using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>A received message as the transcript shows it: its header fields, MIME structure and how it was written.</summary>
public sealed record ReceivedMessageDetail : CheckEventDetail
{
    /// <summary>Bytes, after dot-unstuffing (what SIZE counts).</summary>
    public required long Size { get; init; }

    public required int Lines { get; init; }

    /// <summary>The header fields in order, values decoded (RFC 2047) and unfolded, control characters shown as \xNN.</summary>
    public IReadOnlyList<MessageHeaderField> Headers { get; init; } = [];

    /// <summary>True when there were more header fields than are listed (<see cref="ReceivedMessageSummary.MaxHeaders"/>).</summary>
    public bool HeadersTruncated { get; init; }

    /// <summary>The MIME parts, depth first.</summary>
    public IReadOnlyList<MimePartSummary> Parts { get; init; } = [];

    public int BareLineFeeds { get; init; }

    public int LongLines { get; init; }

    public int SmugglingSequences { get; init; }

    public bool EightBit { get; init; }

    /// <summary>Why the message could not be parsed as MIME, when it could not.</summary>
    public string? ParseError { get; init; }
}
