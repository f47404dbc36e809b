using MailCheck.Web.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailCheck.Web.Hosting;

/// <summary>
/// Ready only while the queue takes new checks: not while it is full (a new check would be refused as busy), and
/// not once shutdown has begun.
/// </summary>
public sealed class QueueHealthCheck(CheckQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!queue.IsAcceptingWork)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Shutting down: no new checks are taken."));
        }

        return Task.FromResult(queue.Count >= queue.Capacity
            ? HealthCheckResult.Unhealthy($"Busy: the queue is full ({queue.Count} of {queue.Capacity} waiting).")
            : HealthCheckResult.Healthy($"Taking checks ({queue.Count} of {queue.Capacity} waiting)."));
    }
}
