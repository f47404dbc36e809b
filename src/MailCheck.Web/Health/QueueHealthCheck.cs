using MailCheck.Web.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailCheck.Web.Health;

/// <summary>Ready only while the queue takes new checks (not full, not shutting down).</summary>
public sealed class QueueHealthCheck(CheckQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !queue.IsAcceptingWork ? HealthCheckResult.Unhealthy("MailCheck is shutting down.")
            : queue.Count >= queue.Capacity ? HealthCheckResult.Unhealthy("The queue is full.")
            : HealthCheckResult.Healthy($"{queue.Count} of {queue.Capacity} queue places taken."));
}
