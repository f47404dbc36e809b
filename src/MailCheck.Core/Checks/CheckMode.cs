namespace MailCheck.Core.Checks;

/// <summary>How far the SMTP conversation goes.</summary>
public enum CheckMode
{
    /// <summary>The whole conversation: the test message is delivered.</summary>
    Send,

    /// <summary>Stops after RCPT TO, then RSET and QUIT: nothing is delivered.</summary>
    Probe,

    /// <summary>Banner, EHLO and STARTTLS only.</summary>
    Connect,
}
