using System.Text.Json;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailCheck.Web.Hosting;

/// <summary>
/// <c>/healthz/live</c> (the process answers) and <c>/healthz/ready</c> (the database answers and the queue takes
/// checks, and with several instances the LISTEN connection is up; 503 otherwise, e.g. while shutting down). Both work
/// with and without the path base, and name the instance that answered.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddMailCheckHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(3))
            .AddCheck<QueueHealthCheck>("queue", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapMailCheckHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        return endpoints;
    }

    internal static bool IsProbe(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["status"] = report.Status.ToString(),
            ["instance"] = http.RequestServices.GetRequiredService<Scale.InstanceIdentity>().Id,
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description },
                StringComparer.Ordinal),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, MailCheckJson.Options), http.RequestAborted);
    }
}
