namespace MailCheck.Cli;

/// <summary>A wrong flag or value: the message names the flag; mailcheck exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
