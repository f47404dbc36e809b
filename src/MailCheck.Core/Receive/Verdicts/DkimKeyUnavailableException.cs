namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The key locator could not give a usable key: why, as the verdict says it, and whether it is temporary.</summary>
public sealed class DkimKeyUnavailableException : Exception
{
    public DkimKeyUnavailableException()
    {
    }

    public DkimKeyUnavailableException(string message)
        : base(message)
    {
    }

    public DkimKeyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DkimKeyUnavailableException(string message, bool temporary)
        : base(message)
    {
        Temporary = temporary;
    }

    /// <summary>True for a DNS failure (temperror, RFC 6376 §6.1.2); false for a key that is missing or unusable (permerror).</summary>
    public bool Temporary { get; }
}
