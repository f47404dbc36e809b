using System.Globalization;
using MailCheck.Web.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>
/// <c>MailCheck:Limits:PerDomain</c>: at most Limit checks of one target domain in any Window, whoever asks, so
/// MailCheck cannot be used to hammer one organisation's mail servers.
/// </summary>
public sealed class DomainRateLimitGuard(IOptions<RateLimitOptions> options, TimeProvider time) : ISubmissionGuard
{
    private readonly SlidingWindowLimiter _limiter = ClientRateLimitGuard.Create(options.Value.PerDomain);

    internal SlidingWindowLimiter Limiter => _limiter;

    public ValueTask<SubmissionRefusal?> EvaluateAsync(SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var domain = (context.Request.Domain ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        var wait = _limiter.TryAcquire(domain, time.GetUtcNow());
        return ValueTask.FromResult(wait is null
            ? null
            : new SubmissionRefusal(
                string.Create(CultureInfo.InvariantCulture, $"{domain} has been checked too often: at most {_limiter.Limit} checks of one domain every {LimitText.Window(_limiter.Window)}."),
                wait));
    }
}
