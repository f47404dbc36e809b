using Bunit;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using MailCheck.Web.Checks;
using MailCheck.Web.Components;
using MailCheck.Web.Components.Pages;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using MailCheck.Web.Safety;
using MailCheck.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace MailCheck.Web.Tests.Safety;

/// <summary>The home form with the safety guards: what a person sees when a limit or the instance refuses.</summary>
public sealed class SafetyFormTests : BunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCheckStore _store = new();

    public SafetyFormTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<ICheckStore>(_store);
        Services.AddSingleton(Options.Create(new SmtpOptions()));
        Services.AddSingleton<Core.Checks.RequestDefaults>();
        Services.AddSingleton(Options.Create(new LimitsOptions { QueueCapacity = 16 }));
        Services.AddSingleton<CheckQueue>();
        Services.AddSingleton<ICheckQueue>(sp => sp.GetRequiredService<CheckQueue>());
        Services.AddSingleton<CheckSubmissionService>();
        AddBunitPersistentComponentState();
    }

    private void UseSafety(bool allowSend = true, int perClient = 10)
    {
        var safety = new SafetyOptions { AllowSend = allowSend };
        Services.AddSingleton(new SafetyTargetPolicy(safety));
        Services.AddSingleton(Options.Create(safety));
        Services.AddSingleton<CheckModeAvailability>();
        Services.AddSingleton(Options.Create(new RateLimitOptions
        {
            PerClient = new WindowLimitOptions { Limit = perClient, Window = TimeSpan.FromMinutes(10) },
        }));
        Services.AddSingleton<ISubmissionGuard, TargetSafetyGuard>();
        Services.AddSingleton<ISubmissionGuard, ClientRateLimitGuard>();
        Services.AddSingleton<ISubmissionGuard, DomainRateLimitGuard>();
    }

    private IRenderedComponent<Home> RenderHome() =>
        Render<Home>(p => p.AddCascadingValue(new ClientContext("203.0.113.9", false)));

    [Fact]
    public void Render_AllowSendFalse_SendOptionDisabledAndTheFormSaysWhy()
    {
        UseSafety(allowSend: false);

        var cut = RenderHome();

        Assert.Contains("This MailCheck instance does not send messages", cut.Markup, StringComparison.Ordinal);
        var radios = cut.FindAll("input[type=radio]");
        Assert.Equal(3, radios.Count);
        Assert.True(radios[0].HasAttribute("disabled"), radios[0].OuterHtml);
        Assert.False(radios[1].HasAttribute("disabled"), radios[1].OuterHtml);
        Assert.Empty(cut.FindAll("#subject"));
    }

    [Fact]
    public void Render_AllowSendTrue_SendOptionEnabled()
    {
        UseSafety(allowSend: true);

        var cut = RenderHome();

        Assert.DoesNotContain("does not send messages", cut.Markup, StringComparison.Ordinal);
        Assert.False(cut.FindAll("input[type=radio]")[0].HasAttribute("disabled"));
    }

    [Fact]
    public void Submit_PerClientLimitReached_ShowsTheLimitAndWhenToTryAgainAndQueuesNothing()
    {
        UseSafety(perClient: 1);
        var first = RenderHome();
        first.Find("#target").Input("example.com");
        first.Find("form").Submit();
        var queue = Services.GetRequiredService<CheckQueue>();
        // The submission finishes asynchronously (the store, then the queue): wait for it, bounded, rather than race it.
        first.WaitForAssertion(() => Assert.Equal(1, queue.Count), Poll.Limit);
        _time.Advance(TimeSpan.FromMinutes(3));

        var second = RenderHome();
        second.Find("#target").Input("example.org");
        second.Find("form").Submit();

        var alert = second.WaitForElement("[role=alert]", Poll.Limit);
        Assert.Equal("Too many checks from your address: at most 1 every 10 minutes. Try again in 7 minutes.", alert.TextContent.Trim());
        Assert.Equal(1, queue.Count);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
