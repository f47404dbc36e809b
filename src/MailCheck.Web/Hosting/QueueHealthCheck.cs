using MailCheck.Web.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailCheck.Web.Hosting;

/// <summary>
/// Ready only while the queue takes new checks: not while it is full (a new check would be refused as busy), and
/// not once shutdown has begun. With several instances the queue is shared: a full one is the same for all of them,
/// so it only degrades readiness (still 200) — a balancer must not take every instance out because checks wait.
/// </summary>
public sealed class QueueHealthCheck(ICheckQueue queue) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!queue.IsAcceptingWork)
        {
            return HealthCheckResult.Unhealthy("Shutting down: no new checks are taken.");
        }

        int count;
        try
        {
            count = await queue.CountAsync(cancellationToken);
        }
#pragma warning disable CA1031 // The shared queue is a table: a database failure means "not ready", said by the database check too.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The queue cannot be read.", ex);
        }

        if (count < queue.Capacity)
        {
            return HealthCheckResult.Healthy($"Taking checks ({count} of {queue.Capacity} waiting).");
        }

        var busy = $"Busy: the queue is full ({count} of {queue.Capacity} waiting).";
        return queue is Scale.SharedCheckQueue ? HealthCheckResult.Degraded(busy) : HealthCheckResult.Unhealthy(busy);
    }
}
