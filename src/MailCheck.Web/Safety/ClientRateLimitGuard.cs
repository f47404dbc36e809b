using System.Globalization;
using MailCheck.Web.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>
/// <c>MailCheck:Limits:PerClient</c>: at most Limit checks per client address (see <see cref="ClientKey"/>) in any
/// Window. The address is the one <c>UseForwardedHeaders</c> left: a proxy's <c>X-Forwarded-For</c> counts only when
/// the proxy is listed in <c>MailCheck:ReverseProxy</c>. Counted in memory, or across every instance when an
/// <see cref="IRateLimitCounterFactory"/> is registered (PostgreSQL).
/// </summary>
public sealed class ClientRateLimitGuard(IOptions<RateLimitOptions> options, TimeProvider time, IRateLimitCounterFactory? counters = null) : ISubmissionGuard
{
    public const string Scope = "client";

    private readonly IRateLimitCounter _counter = Create(Scope, options.Value.PerClient, time, counters);

    public async ValueTask<SubmissionRefusal?> EvaluateAsync(SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = await CountAsync(_counter, ClientKey.Of(context.ClientIp), cancellationToken);
        return wait switch
        {
            null => null,
            { Unavailable: true } refusal => refusal,
            _ => new SubmissionRefusal(
                string.Create(CultureInfo.InvariantCulture, $"Too many checks from your address: at most {_counter.Limit} every {LimitText.Window(_counter.Window)}."),
                wait.RetryAfter),
        };
    }

    internal static IRateLimitCounter Create(string scope, WindowLimitOptions limit, TimeProvider time, IRateLimitCounterFactory? counters) =>
        counters?.Create(scope, limit) ?? new InProcessRateLimitCounter(limit, time);

    /// <summary>
    /// Null when the check may go; a refusal carrying only the wait otherwise; an "unavailable" refusal when the
    /// count cannot be known (a shared limit whose database does not answer): the limit fails closed.
    /// </summary>
    internal static async ValueTask<SubmissionRefusal?> CountAsync(IRateLimitCounter counter, string key, CancellationToken cancellationToken)
    {
        TimeSpan? wait;
        try
        {
            wait = await counter.TryAcquireAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SubmissionRefusal(UnavailableMessage, UnavailableRetryAfter) { Unavailable = true };
        }

        return wait is { } w ? new SubmissionRefusal("", w) : null;
    }

    internal const string UnavailableMessage =
        "MailCheck cannot count checks against its rate limits right now (its database does not answer), so it takes none.";

    internal static TimeSpan UnavailableRetryAfter { get; } = TimeSpan.FromSeconds(10);
}
