using MailCheck.Core.Receive;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using MailCheck.Web.Scale;

namespace MailCheck.Web.Receive;

/// <summary>Receive mode in the web host: the store of addresses and messages, the listener and its sweep.</summary>
public static class ReceiveHostingExtensions
{
    public static IHostApplicationBuilder AddMailCheckReceive(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var postgres = StorageHostingExtensions.Provider(builder.Configuration) == StorageProvider.Postgres;
        if (postgres)
        {
            services.AddSingleton<IReceiveCheckOwnership, PostgresReceiveOwnership>();
        }
        else
        {
            services.AddSingleton<IReceiveCheckOwnership, SingleProcessOwnership>();
        }

        var keys = postgres
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, builder.Configuration[DataProtectionSetup.KeysKey] is { Length: > 0 } configured ? configured : Path.Combine("data", "keys")))
            : DataProtectionSetup.ResolveKeysPath(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(new ReceiveCertificateLocation(keys));
        services.AddSingleton<ReceiveStore>();
        services.AddSingleton<IReceiveMailboxes, DatabaseMailboxes>();
        services.AddSingleton<ReceiveChecks>();
        services.AddSingleton<ReceiveService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReceiveService>());
        return builder;
    }
}
