using System.Globalization;
using MailCheck.Web.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>
/// <c>MailCheck:Limits:PerClient</c>: at most Limit checks per client address (see <see cref="ClientKey"/>) in any
/// Window. The address is the one <c>UseForwardedHeaders</c> left: a proxy's <c>X-Forwarded-For</c> counts only when
/// the proxy is listed in <c>MailCheck:ReverseProxy</c>.
/// </summary>
public sealed class ClientRateLimitGuard(IOptions<RateLimitOptions> options, TimeProvider time) : ISubmissionGuard
{
    private readonly SlidingWindowLimiter _limiter = Create(options.Value.PerClient);

    internal SlidingWindowLimiter Limiter => _limiter;

    public ValueTask<SubmissionRefusal?> EvaluateAsync(SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = _limiter.TryAcquire(ClientKey.Of(context.ClientIp), time.GetUtcNow());
        return ValueTask.FromResult(wait is null
            ? null
            : new SubmissionRefusal(
                string.Create(CultureInfo.InvariantCulture, $"Too many checks from your address: at most {_limiter.Limit} every {LimitText.Window(_limiter.Window)}."),
                wait));
    }

    internal static SlidingWindowLimiter Create(WindowLimitOptions limit) => new(limit.Limit, limit.Window, limit.MaxTrackedKeys);
}
