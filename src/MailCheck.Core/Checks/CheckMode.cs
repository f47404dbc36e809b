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

    /// <summary>
    /// The other direction: MailCheck gives a one-time address, waits for a message to it, records the incoming
    /// conversation and judges the message as a receiving server would. Needs <c>MailCheck:Receive:Domain</c>.
    /// </summary>
    Receive,
}
