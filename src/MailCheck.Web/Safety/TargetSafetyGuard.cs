using MailCheck.Core.Net;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Safety;

/// <summary>
/// The engine's enqueue-side checks (<see cref="SafetyGuard"/>), before anything is queued: the port must be in
/// <c>MailCheck:Safety:AllowedPorts</c>, send mode needs <c>MailCheck:Safety:AllowSend</c>, and a domain written
/// as an address literal must pass the target policy. A refusal is a 400 naming the field.
/// (Names that resolve to special addresses are refused later, by the engine, address by address.)
/// </summary>
public sealed class TargetSafetyGuard(SafetyTargetPolicy policy) : ISubmissionGuard
{
    public ValueTask<SubmissionRefusal?> EvaluateAsync(SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Mode == Core.Checks.CheckMode.Receive)
        {
            // A receive check connects nowhere: no target, no port to judge.
            return ValueTask.FromResult<SubmissionRefusal?>(null);
        }

        var errors = SafetyGuard.CheckRequest(context.Request, policy);
        return ValueTask.FromResult(errors.Count == 0
            ? null
            : new SubmissionRefusal(errors[0].Message, Field: errors[0].Field));
    }
}
