using Serilog.AspNetCore;
using Serilog.Events;

namespace MailCheck.Web.Hosting;

/// <summary>
/// One Serilog event per request, through the app's logger: method, path, status, time, and who asked — the client
/// address, scheme and host as the app believes them after <c>UseForwardedHeaders</c> (so behind a known proxy,
/// the real client). Health probes are logged at Debug, server errors at Error.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate =
        "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for {ClientIp} via {RequestScheme}://{RequestHost}";

    public static void Configure(RequestLoggingOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Logger = services.GetService<Serilog.ILogger>();
        options.MessageTemplate = MessageTemplate;
        options.EnrichDiagnosticContext = static (diagnostics, http) =>
        {
            diagnostics.Set("ClientIp", http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            diagnostics.Set("RequestScheme", http.Request.Scheme);
            diagnostics.Set("RequestHost", http.Request.Host.Value ?? "");
        };
        options.GetLevel = static (http, _, exception) =>
            exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError && !HealthEndpoints.IsProbe(http)
                ? LogEventLevel.Error
                : HealthEndpoints.IsProbe(http) ? LogEventLevel.Debug : LogEventLevel.Information;
    }
}
