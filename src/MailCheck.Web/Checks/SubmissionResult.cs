using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>What became of a submitted check. The form, the API and the hub each turn it into their own answer.</summary>
public abstract record SubmissionResult
{
    private SubmissionResult()
    {
    }

    /// <summary>
    /// Queued; the check runs in the background. A receive check is not queued: it waits for its message at
    /// <paramref name="ReceiveAddress"/>.
    /// </summary>
    public sealed record Accepted(string Id, string? ReceiveAddress = null) : SubmissionResult;

    /// <summary>The request is invalid; nothing was queued or sent. API: 400.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SubmissionResult;

    /// <summary>The queue is full. API: 503 with Retry-After.</summary>
    public sealed record Busy(string Message, TimeSpan RetryAfter) : SubmissionResult;

    /// <summary>A guard (rate limit, policy) refused the check. API: 429 (or 403 without a retry time).</summary>
    public sealed record Refused(string Message, TimeSpan? RetryAfter) : SubmissionResult;
}
