using System.Text.Json;
using MailCheck.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.AspNetCore;
using Serilog.Events;

namespace MailCheck.Web.Health;

/// <summary>
/// <c>/healthz/live</c>: the process answers. <c>/healthz/ready</c>: database reachable and queue accepting (503
/// otherwise: shutting down, queue full, database gone). Both work with and without the path base, answer JSON and
/// are never cached.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

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
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        return endpoints;
    }

    /// <summary>
    /// Request logging: probes below Information (every 10-30 s from Docker or Kubernetes they would drown the log).
    /// The middleware writes to the app's Serilog logger; the static one it uses otherwise stays silent here.
    /// </summary>
    public static void ConfigureRequestLogging(RequestLoggingOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Logger = services.GetService<Serilog.ILogger>();
        options.GetLevel = (http, _, error) =>
            error is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError && !IsProbe(http) ? LogEventLevel.Error
            : IsProbe(http) ? LogEventLevel.Verbose
            : LogEventLevel.Information;
    }

    internal static bool IsProbe(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description },
                StringComparer.Ordinal),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, MailCheckJson.Options), http.RequestAborted);
    }
}
