using MailCheck.Web.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailCheck.Web.Hosting;

/// <summary>Ready only while the queue takes new checks (it closes when shutdown begins).</summary>
public sealed class QueueHealthCheck(CheckQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(queue.IsAcceptingWork
            ? HealthCheckResult.Healthy($"Taking checks ({queue.Count} of {queue.Capacity} waiting).")
            : HealthCheckResult.Unhealthy("Shutting down: no new checks are taken."));
}
