using Bunit;
using Bunit.TestDoubles;
using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using MailCheck.Web.Checks;
using MailCheck.Web.Components;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace MailCheck.Web.Tests.Components;

/// <summary>A bUnit context with MudBlazor, an in-memory store, the real notifier and the real submission path.</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ICheckStore>(Store);
        Services.AddSingleton<ICheckNotifier>(Notifier);
        Services.AddSingleton(Options.Create(new SmtpOptions()));
        Services.AddSingleton<RequestDefaults>();
        Services.AddSingleton(Options.Create(Safety));
        Services.AddSingleton(Options.Create(new LimitsOptions { QueueCapacity = 4 }));
        Services.AddSingleton<CheckQueue>();
        Services.AddSingleton<ICheckQueue>(sp => sp.GetRequiredService<CheckQueue>());
        Services.AddSingleton<SharedEvents>();
        Services.AddSingleton<CheckFeed>();
        Services.AddSingleton<CheckSubmissionService>();
        Services.AddSingleton<CheckModeAvailability>();
        PersistentState = AddBunitPersistentComponentState();
    }

    /// <summary>What a prerender would hand to the live components (empty unless a test persists something).</summary>
    protected BunitPersistentComponentState PersistentState { get; }

    protected InMemoryCheckStore Store { get; } = new();

    protected SafetyOptions Safety { get; } = new();

    protected CheckNotifier Notifier { get; } = new(NullLogger<CheckNotifier>.Instance);

    protected static ClientContext Client { get; } = new("127.0.0.1", false);

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
