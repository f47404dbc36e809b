namespace MailCheck.Core.Smtp;

/// <summary>Configuration section <c>MailCheck:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "MailCheck:Smtp";

    /// <summary>Time allowed for one command's reply (RFC 5321 §4.5.3.2 suggests minutes; 30 s keeps checks snappy).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one TCP connection attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline for the whole check, DNS included.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The name sent with EHLO when the request names none.</summary>
    public string EhloName { get; set; } = "mailcheck.localhost";

    /// <summary>The sender used when a request names none.</summary>
    public string DefaultFrom { get; set; } = "mailcheck@mailcheck.localhost";

    /// <summary>
    /// The public address receivers see MailCheck's connections come from, when NAT hides it from MailCheck (empty: the
    /// address a server echoes in its EHLO reply, else the local end of the socket). Used to judge how receivers see
    /// MailCheck's own mail (its PTR, SPF and blocklists).
    /// </summary>
    public string? EgressAddress { get; set; }

    /// <summary>Names this MailCheck instance in the footer of every message it sends.</summary>
    public string InstanceName { get; set; } = "MailCheck";

    /// <summary>Longest reply line accepted (bytes, CRLF included).</summary>
    public int MaxReplyLineBytes { get; set; } = 4096;

    /// <summary>Longest reply accepted, all lines together (bytes).</summary>
    public int MaxReplyBytes { get; set; } = 64 * 1024;
}
