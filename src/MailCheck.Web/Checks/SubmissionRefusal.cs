namespace MailCheck.Web.Checks;

/// <summary>Why a guard refused a submission, and when trying again may work (null: do not retry).</summary>
public sealed record SubmissionRefusal(string Message, TimeSpan? RetryAfter = null, string? Field = null)
{
    /// <summary>
    /// The guard could not decide (e.g. a shared limit whose database does not answer) and refused to be safe: the
    /// answer is "busy, try again" (503), not "you asked too often".
    /// </summary>
    public bool Unavailable { get; init; }
}
