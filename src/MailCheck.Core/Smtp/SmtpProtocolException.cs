namespace MailCheck.Core.Smtp;

/// <summary>The server broke the protocol: a malformed, mismatched or oversized reply. Keeps the raw text.</summary>
public sealed class SmtpProtocolException : Exception
{
    public SmtpProtocolException()
    {
        RawText = "";
    }

    public SmtpProtocolException(string message)
        : this(message, "")
    {
    }

    public SmtpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        RawText = "";
    }

    public SmtpProtocolException(string message, string rawText)
        : base(message)
    {
        RawText = rawText;
    }

    /// <summary>What was received, lossily decoded and possibly truncated, for the transcript.</summary>
    public string RawText { get; }
}
