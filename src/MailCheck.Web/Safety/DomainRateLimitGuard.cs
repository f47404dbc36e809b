using System.Globalization;
using MailCheck.Web.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>
/// <c>MailCheck:Limits:PerDomain</c>: at most Limit checks of one target domain in any Window, whoever asks, so
/// MailCheck cannot be used to hammer one organisation's mail servers. Counted in memory, or across every instance
/// when an <see cref="IRateLimitCounterFactory"/> is registered (PostgreSQL).
/// </summary>
public sealed class DomainRateLimitGuard(IOptions<RateLimitOptions> options, TimeProvider time, IRateLimitCounterFactory? counters = null) : ISubmissionGuard
{
    public const string Scope = "domain";

    private readonly IRateLimitCounter _counter = ClientRateLimitGuard.Create(Scope, options.Value.PerDomain, time, counters);

    public async ValueTask<SubmissionRefusal?> EvaluateAsync(SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var domain = (context.Request.Domain ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        var wait = await ClientRateLimitGuard.CountAsync(_counter, domain, cancellationToken);
        return wait switch
        {
            null => null,
            { Unavailable: true } refusal => refusal,
            _ => new SubmissionRefusal(
                string.Create(CultureInfo.InvariantCulture, $"{domain} has been checked too often: at most {_counter.Limit} checks of one domain every {LimitText.Window(_counter.Window)}."),
                wait.RetryAfter),
        };
    }
}
