using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MailCheck.Web.Health;

/// <summary><c>/healthz/live</c>: the process answers. <c>/healthz/ready</c>: database reachable and queue accepting (503 otherwise).</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    public static IServiceCollection AddMailCheckHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<QueueHealthCheck>("queue", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapMailCheckHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).ExcludeFromDescription();
        return endpoints;
    }
}
