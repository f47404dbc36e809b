namespace MailCheck.Core.Matrix;

/// <summary>The columns of the MX matrix: the steps every target goes through, in order.</summary>
public enum MatrixStage
{
    /// <summary>The TCP connection.</summary>
    Connect,

    /// <summary>The greeting (RFC 5321 §4.3.1).</summary>
    Banner,

    /// <summary>EHLO (HELO when EHLO is refused), with the extensions offered.</summary>
    Ehlo,

    /// <summary>The STARTTLS command (RFC 3207).</summary>
    StartTls,

    /// <summary>The TLS handshake and the server's certificate.</summary>
    Certificate,

    /// <summary>MAIL FROM.</summary>
    MailFrom,

    /// <summary>RCPT TO.</summary>
    RcptTo,
}
