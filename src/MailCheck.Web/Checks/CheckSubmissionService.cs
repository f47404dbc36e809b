using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>
/// The one place where checks are submitted (form, API and hub): validate, run the guards, record the check,
/// queue it. Nothing is sent for a refused request.
/// </summary>
public sealed partial class CheckSubmissionService(
    ICheckQueue queue,
    ICheckStore store,
    IEnumerable<ISubmissionGuard> guards,
    TimeProvider time,
    ILogger<CheckSubmissionService> logger)
{
    public const string BusyMessage = "MailCheck is busy, try again shortly.";

    public static TimeSpan BusyRetryAfter { get; } = TimeSpan.FromSeconds(10);

    private readonly ISubmissionGuard[] _guards = guards.ToArray();

    public async Task<SubmissionResult> SubmitAsync(CheckRequest request, string? clientIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = CheckRequestValidator.Validate(request);
        if (!validation.IsValid)
        {
            return new SubmissionResult.Invalid(validation.Errors);
        }

        var valid = validation.Request!;
        if (!queue.IsAcceptingWork || await queue.CountAsync(cancellationToken) >= queue.Capacity)
        {
            LogBusy(logger, valid.Domain ?? "");
            return new SubmissionResult.Busy(BusyMessage, BusyRetryAfter);
        }

        var context = new SubmissionContext(valid, clientIp);
        foreach (var guard in _guards)
        {
            var refusal = await guard.EvaluateAsync(context, cancellationToken);
            if (refusal is not null)
            {
                LogRefused(logger, valid.Domain ?? "", guard.GetType().Name);
                return refusal switch
                {
                    { Field: { } field } => new SubmissionResult.Invalid([new FieldError(field, refusal.Message)]),
                    { Unavailable: true } => new SubmissionResult.Busy(refusal.Message, refusal.RetryAfter ?? BusyRetryAfter),
                    _ => new SubmissionResult.Refused(refusal.Message, refusal.RetryAfter),
                };
            }
        }

        var id = CheckId.New();
        await store.CreateAsync(id, valid.Domain!, RedactedRequest.Of(valid), time.GetUtcNow(), cancellationToken);
        if (!queue.TryEnqueue(new QueuedCheck(id, valid)))
        {
            await store.DeleteAsync(id, CancellationToken.None);
            LogBusy(logger, valid.Domain ?? "");
            return new SubmissionResult.Busy(BusyMessage, BusyRetryAfter);
        }

        LogQueued(logger, id, valid.Domain ?? "", valid.Mode);
        return new SubmissionResult.Accepted(id);
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Check {CheckId} queued: {Domain} ({Mode})")]
    private static partial void LogQueued(ILogger logger, string checkId, string domain, CheckMode mode);

    [LoggerMessage(EventId = 91, Level = LogLevel.Warning, Message = "Check of {Domain} refused: the queue is full")]
    private static partial void LogBusy(ILogger logger, string domain);

    [LoggerMessage(EventId = 92, Level = LogLevel.Information, Message = "Check of {Domain} refused by {Guard}")]
    private static partial void LogRefused(ILogger logger, string domain, string guard);
}
