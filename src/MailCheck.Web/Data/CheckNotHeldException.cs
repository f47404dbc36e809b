namespace MailCheck.Web.Data;

/// <summary>
/// An event was not appended because the check is already finished, or because another instance recorded it as
/// interrupted after this one's lease ended. The writer must stop: the store already has the check's last word.
/// </summary>
public sealed class CheckNotHeldException : InvalidOperationException
{
    public CheckNotHeldException()
    {
    }

    public CheckNotHeldException(string checkId)
        : base($"Check {checkId} is finished or no longer held by this instance; the event was not stored.")
    {
        CheckId = checkId;
    }

    public CheckNotHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? CheckId { get; }
}
