using MailCheck.Core.Checks;
using MailCheck.Core.Dane;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Blocklists;
using MailCheck.Core.Posture.Egress;
using MailCheck.Core.Posture.ReverseDns;
using MailCheck.Core.Posture.Bimi;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.MtaSts;
using MailCheck.Core.Posture.Tls;
using MailCheck.Core.Posture.Dnssec;
using MailCheck.Core.Posture.TlsRpt;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Receive;
using MailCheck.Core.Smtp;
using MailCheck.Core.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Core;

/// <summary>Registers the check engine and its options.</summary>
public static class CoreHostingExtensions
{
    /// <summary>
    /// Binds <c>MailCheck:Smtp</c>, <c>MailCheck:Dns</c>, <c>MailCheck:Tls</c>, <c>MailCheck:MtaSts</c>, <c>MailCheck:Safety</c>
    /// and <c>MailCheck:Limits:PerRemoteAddress</c> (validated at start), and registers the process-wide
    /// <see cref="RemoteAddressLimiter"/>, <see cref="CertificateTrust"/>, <see cref="MtaStsFetcher"/>,
    /// <see cref="ICheckEngine"/>, <see cref="RequestDefaults"/>, <see cref="IDnsQuerier"/>, the <see cref="ICheckStage"/>s, <see cref="IConnector"/>, <see cref="TimeProvider"/> and
    /// the <see cref="SafetyTargetPolicy"/> as the <see cref="ITargetPolicy"/>: safe by default (no private, loopback or
    /// other special address unless <c>MailCheck:Safety:AllowedNetworks</c> names it; ports 25, 465, 587 only).
    /// </summary>
    public static IHostApplicationBuilder AddMailCheckCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.AddOptions<DnsOptions>().Bind(builder.Configuration.GetSection(DnsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DnsOptions>, DnsOptionsValidator>());

        services.AddOptions<PostureOptions>().Bind(builder.Configuration.GetSection(PostureOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostureOptions>, PostureOptionsValidator>());

        services.AddOptions<DnsblOptions>().Bind(builder.Configuration.GetSection(DnsblOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DnsblOptions>, DnsblOptionsValidator>());
        services.TryAddSingleton<DnsblClient>();
        services.TryAddSingleton(sp => new SpfEvaluator(timeProvider: sp.GetRequiredService<TimeProvider>()));

        // Receive mode (off unless MailCheck:Receive:Domain is set): the options and the verdicts; the host runs the listener.
        services.AddOptions<ReceiveOptions>().Bind(builder.Configuration.GetSection(ReceiveOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReceiveOptions>, ReceiveOptionsValidator>());
        services.TryAddSingleton<ReceiveJudgement>();
        services.AddOptions<TlsOptions>().Bind(builder.Configuration.GetSection(TlsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>());
        services.TryAddSingleton<CertificateTrust>();

        services.AddOptions<MtaStsOptions>().Bind(builder.Configuration.GetSection(MtaStsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MtaStsOptions>, MtaStsOptionsValidator>());
        services.TryAddSingleton<MtaStsFetcher>();

        services.AddOptions<SafetyOptions>().Bind(builder.Configuration.GetSection(SafetyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SafetyOptions>, SafetyOptionsValidator>());

        // One limiter per process: every check's connections count against the same per-address slots.
        services.AddOptions<ConnectionLimitOptions>().Bind(builder.Configuration.GetSection(ConnectionLimitOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionLimitOptions>, ConnectionLimitOptionsValidator>());
        services.TryAddSingleton(sp => new RemoteAddressLimiter(sp.GetRequiredService<IOptions<ConnectionLimitOptions>>().Value.PerRemoteAddress));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SafetyTargetPolicy>();
        services.TryAddSingleton<ITargetPolicy>(sp => sp.GetRequiredService<SafetyTargetPolicy>());
        services.TryAddSingleton<IDnsQuerier, DnsClientQuerier>();
        services.TryAddSingleton<DnssecResolver>();
        services.AddHostedService<DnssecStartupCheck>();
        services.TryAddSingleton<IConnector, TcpConnector>();
        AddStages(services);
        services.TryAddSingleton<ICheckEngine, CheckEngine>();
        services.TryAddSingleton<RequestDefaults>();
        return builder;
    }

    /// <summary>The stages of a check, in no particular order (each names its phase and order).</summary>
    private static void AddStages(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, MxStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, SpfStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, SmtpStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, PtrStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, EgressStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, BlocklistStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, DmarcStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, DkimStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, TlsRptStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, BimiStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, DnssecStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, DaneLookupStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, DaneStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, ScorecardStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, MtaStsDiscoveryStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, MtaStsVerdictStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckStage, TlsStage>());
    }
}
