using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailCheck.Web.Scale;

/// <summary>Ready only while this instance listens for the other instances' events (live pages depend on it).</summary>
public sealed class ListenerHealthCheck(PostgresListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy("Listening for the other instances' events.")
            : HealthCheckResult.Unhealthy("Not listening for the other instances' events (the LISTEN connection is down)."));
}
