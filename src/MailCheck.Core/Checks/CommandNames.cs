namespace MailCheck.Core.Checks;

/// <summary>The SMTP command an event kind stands for, as it is written on the wire (RFC 5321 §4.1.1).</summary>
public static class CommandNames
{
    /// <summary>"EHLO", "MAIL FROM", "RCPT TO", …; null for a kind that is not a command (DNS, connect, banner, message…).</summary>
    public static string? Of(EventKind kind) => kind switch
    {
        EventKind.Ehlo => "EHLO",
        EventKind.Helo => "HELO",
        EventKind.StartTls => "STARTTLS",
        EventKind.Auth => "AUTH",
        EventKind.Mail => "MAIL FROM",
        EventKind.Rcpt => "RCPT TO",
        EventKind.Data => "DATA",
        EventKind.Rset => "RSET",
        EventKind.Quit => "QUIT",
        _ => null,
    };
}
