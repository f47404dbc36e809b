using System.Globalization;
using System.Net;
using MailCheck.Core;
using MailCheck.Web.Api;
using MailCheck.Web.Checks;
using MailCheck.Web.Components;
using MailCheck.Web.Data;
using MailCheck.Web.Safety;
using MailCheck.Web.Receive;
using MailCheck.Web.Scale;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace MailCheck.Web.Hosting;

/// <summary>Everything the web host needs: <c>builder.AddMailCheckWeb()</c>, then <c>app.UseMailCheckWeb()</c>.</summary>
public static class WebHostingExtensions
{
    /// <summary>The default of <c>ConnectionStrings:MailCheck</c>, relative to the content root.</summary>
    public const string DefaultConnectionString = "Data Source=data/mailcheck.db";

    /// <summary>Largest message a Blazor circuit accepts: a 64 KiB body (up to 6 bytes a character in JSON) fits.</summary>
    public const long CircuitMaximumReceiveMessageSize = 512 * 1024;

    public static IHostApplicationBuilder AddMailCheckWeb(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        AddLogging(builder);

        services.AddOptions<MailCheckWebOptions>().Bind(configuration.GetSection(MailCheckWebOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(ReverseProxyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        services.AddOptions<LoggingOptions>().Bind(configuration.GetSection(LoggingOptions.SectionName)).ValidateOnStart();

        // Storage, queue and runner: SQLite in one process (default) or PostgreSQL shared by N instances. First, so
        // that migrations are applied before any other hosted service (data protection's key ring) reads the database.
        services.AddOptions<ScaleOptions>().Bind(configuration.GetSection(ScaleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScaleOptions>, ScaleOptionsValidator>();
        services.AddSingleton<InstanceIdentity>();
        builder.AddMailCheckStorage();

        // The engine, its options (MailCheck:Smtp, :Dns, :Safety) and the target policy.
        builder.AddMailCheckCore();
        builder.AddMailCheckSafety();
        builder.AddMailCheckDataProtection();
        services.AddMailCheckHealth();

        // Receive mode (off unless MailCheck:Receive:Domain is set): addresses, the SMTP listener, its sweep.
        builder.AddMailCheckReceive();

        // Live updates and the one submission path.
        services.AddSingleton<ICheckNotifier, CheckNotifier>();
        services.AddSingleton<SharedEvents>();
        services.AddSingleton<CheckFeed>();
        services.AddSingleton<CheckSubmissionService>();
        services.TryAddSingleton<CheckModeAvailability>();

        // Reverse proxy: X-Forwarded-* only from the configured proxies.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var network in proxy.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }

            foreach (var address in proxy.Value.KnownProxies)
            {
                if (IPAddress.TryParse(address, out var parsed))
                {
                    forwarded.KnownProxies.Add(parsed);
                }
            }
        });

        // Web: Blazor Server, MudBlazor, API, hub, OpenAPI.
        services.AddRazorComponents()
            // One render batch in flight per page (Blazor's default: 10). A browser that cannot keep up with a burst of
            // live events (a slow phone, a busy machine, many pages) then gets the events coalesced into its next batch
            // instead of a queue of batches that each cost it a frame; a fast one acknowledges within a round trip and
            // sees every event as it comes (docs/benchmarks.md, measure 5: 10 pages p95 87-526 ms against 632-767 ms;
            // measure 4's latency unchanged within noise).
            .AddInteractiveServerComponents(options => options.MaxBufferedUnacknowledgedRenderBatches = 1)
            .AddHubOptions(options => options.MaximumReceiveMessageSize = CircuitMaximumReceiveMessageSize);
        services.AddMudServices();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = DescribeStatus);
        services.ConfigureHttpJsonOptions(options => MailCheckJson.Configure(options.SerializerOptions));
        services.AddSignalR()
            .AddHubOptions<ChecksHub>(options => options.MaximumReceiveMessageSize = CheckEndpoints.MaxRequestBodyBytes)
            .AddJsonProtocol(options => MailCheckJson.Configure(options.PayloadSerializerOptions));
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseMailCheckWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pathBase = app.Services.GetRequiredService<IOptions<MailCheckWebOptions>>().Value.PathBase;

        // Order matters behind a proxy and a path base (see PITFALLS): forwarded headers, path base, routing, antiforgery.
        app.UseForwardedHeaders();
        if (!string.IsNullOrEmpty(pathBase))
        {
            app.UsePathBase(pathBase);
        }

        app.UseMailCheckSafety();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Scripts get problem details for an empty error answer (415 wrong content type, 405, 404 ...); only pages
        // get the HTML "not found" page. Re-executing a POST to that page answered an empty 400 (antiforgery).
        app.UseWhen(http => IsApiOrHub(http.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApiOrHub(http.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseSerilogRequestLogging(options => RequestLogging.Configure(options, app.Services));
        app.UseRouting();
        app.UseAntiforgery();

        app.MapMailCheckHealth();
        app.MapStaticAssets();
        app.MapMailCheckApi();
        app.MapMailCheckReceiveApi();
        app.MapHub<ChecksHub>("/hubs/checks");
        app.MapOpenApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApiOrHub(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    /// <summary>Plain words for the status codes the framework answers on its own, before any endpoint runs.</summary>
    internal static void DescribeStatus(ProblemDetailsContext context)
    {
        context.ProblemDetails.Detail ??= context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON with the header 'Content-Type: application/json'.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on this address.",
            StatusCodes.Status404NotFound => "There is nothing at this address. The API is under /api/checks.",
            _ => null,
        };
    }

    private static void AddLogging(IHostApplicationBuilder builder)
    {
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                // Read when the logger is built, so configuration added late (tests, hosting) is seen too.
                var logging = services.GetRequiredService<IOptions<LoggingOptions>>().Value;
                var json = logging.Json;
                var consoleLevel = logging.ConsoleMinimumLevel;
                logger
                    .MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                    .ReadFrom.Configuration(builder.Configuration)
                    .Enrich.FromLogContext();
                if (json)
                {
                    logger.WriteTo.Console(new CompactJsonFormatter(), restrictedToMinimumLevel: consoleLevel);
                }
                else
                {
                    logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: CultureInfo.InvariantCulture, restrictedToMinimumLevel: consoleLevel);
                }
            },
            preserveStaticLogger: true);
    }
}
