using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Core;

/// <summary>Registers the check engine and its options.</summary>
public static class CoreHostingExtensions
{
    /// <summary>
    /// Binds <c>MailCheck:Smtp</c> and <c>MailCheck:Dns</c> (validated at start), and registers
    /// <see cref="ICheckEngine"/>, <see cref="IConnector"/>, <see cref="TimeProvider"/> and a default
    /// <see cref="ITargetPolicy"/> (allow all) unless one is already registered.
    /// </summary>
    public static IHostApplicationBuilder AddMailCheckCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.AddOptions<DnsOptions>().Bind(builder.Configuration.GetSection(DnsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DnsOptions>, DnsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITargetPolicy>(AllowAllTargetPolicy.Instance);
        services.TryAddSingleton<IConnector, TcpConnector>();
        services.TryAddSingleton<ICheckEngine, CheckEngine>();
        return builder;
    }
}
