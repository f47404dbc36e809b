using MailCheck.Core;
using MailCheck.Core.Net;
using MailCheck.Web.Checks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Safety;

/// <summary>
/// The web side of MailCheck's safety: <c>builder.AddMailCheckSafety()</c> registers the submission guards (target
/// policy, per-client and per-domain rate limits) and the retention sweep;
/// <c>app.UseMailCheckSafety()</c> adds the security headers and <c>/robots.txt</c>.
/// </summary>
public static class SafetyHostingExtensions
{
    /// <summary>
    /// Registers the guards, in the order they run: <see cref="TargetSafetyGuard"/> (400 naming the field),
    /// <see cref="ClientRateLimitGuard"/> then <see cref="DomainRateLimitGuard"/> (429 with Retry-After).
    /// Adds the engine (<c>AddMailCheckCore</c>) too when it is not registered yet: the guards need its safety policy.
    /// </summary>
    public static IHostApplicationBuilder AddMailCheckSafety(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(SafetyTargetPolicy)))
        {
            builder.AddMailCheckCore();
        }

        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());

        services.TryAddSingleton<TargetSafetyGuard>();
        services.TryAddSingleton<ClientRateLimitGuard>();
        services.TryAddSingleton<DomainRateLimitGuard>();
        services.AddSingleton<ISubmissionGuard>(sp => sp.GetRequiredService<TargetSafetyGuard>());
        services.AddSingleton<ISubmissionGuard>(sp => sp.GetRequiredService<ClientRateLimitGuard>());
        services.AddSingleton<ISubmissionGuard>(sp => sp.GetRequiredService<DomainRateLimitGuard>());

        services.TryAddSingleton<CheckRetention>();
        services.TryAddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return builder;
    }

    /// <summary>Security headers on every response and <c>/robots.txt</c>. Call it after <c>UsePathBase</c>.</summary>
    public static WebApplication UseMailCheckSafety(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMailCheckSecurityHeaders();
        app.MapMailCheckRobots();
        return app;
    }
}
