namespace MailCheck.Web.Checks;

/// <summary>
/// A rule every submission passes before it is queued (rate limits per client and per domain, send mode allowed ...).
/// Register guards with <c>services.AddSingleton&lt;ISubmissionGuard, MyGuard&gt;()</c>; they run in registration
/// order after validation, and the first refusal wins. The form, the API and the hub all go through them.
/// </summary>
public interface ISubmissionGuard
{
    /// <summary>Null to let the check through; a refusal (with a plain-language message) to stop it.</summary>
    ValueTask<SubmissionRefusal?> EvaluateAsync(SubmissionContext context, CancellationToken cancellationToken);
}
