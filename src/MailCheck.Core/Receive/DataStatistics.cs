namespace MailCheck.Core.Receive;

/// <summary>What reading a message after DATA showed (before any parsing).</summary>
public sealed class DataStatistics
{
    /// <summary>Bytes of message after dot-unstuffing (what SIZE counts, RFC 1870 §3), the final "." excluded.</summary>
    public long Size { get; set; }

    public int Lines { get; set; }

    /// <summary>Lines ending in a bare LF (RFC 5321 §2.3.8: only CRLF ends a line).</summary>
    public int BareLineFeeds { get; set; }

    /// <summary>Lines over 1000 octets with their CRLF (RFC 5321 §4.5.3.1.6; RFC 5322 §2.1.1: 998 characters).</summary>
    public int LongLines { get; set; }

    /// <summary>"&lt;LF&gt;.&lt;LF&gt;" or "&lt;LF&gt;.&lt;CRLF&gt;": an end of data only for a lax server (SMTP smuggling).</summary>
    public int SmugglingSequences { get; set; }

    /// <summary>Lines that began with a stuffed dot (RFC 5321 §4.5.2).</summary>
    public int StuffedDots { get; set; }

    /// <summary>Any byte above 127 (8-bit content: RFC 6152 asks for BODY=8BITMIME).</summary>
    public bool EightBit { get; set; }

    /// <summary>True when the message was larger than the cap (its rest was read and dropped).</summary>
    public bool TooBig { get; set; }
}
