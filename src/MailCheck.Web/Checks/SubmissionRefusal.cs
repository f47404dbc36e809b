namespace MailCheck.Web.Checks;

/// <summary>Why a guard refused a submission, and when trying again may work (null: do not retry).</summary>
public sealed record SubmissionRefusal(string Message, TimeSpan? RetryAfter = null, string? Field = null);
