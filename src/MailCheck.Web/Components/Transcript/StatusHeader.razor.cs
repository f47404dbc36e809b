using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components.Transcript;

/// <summary>
/// The check's status at a glance. While the check runs, the current step and the elapsed time tick from the server's
/// clock (the injected <see cref="TimeProvider"/>, not the browser's): a timer re-reads them every
/// <see cref="TickInterval"/> and re-renders only when the visible text changed. The timer runs only in a live circuit
/// (it starts after an interactive render, never while prerendering) and only while the check runs.
/// </summary>
public partial class StatusHeader : IDisposable
{
    /// <summary>
    /// How often the running header re-reads the clock. It shows whole seconds and renders only when its text changed,
    /// so a quarter of a second keeps it at most that late without rendering more than once a second.
    /// </summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _tickerLock = new();
    private ITimer? _ticker;
    private bool _disposed;
    private DateTimeOffset? _runningSeenAt;
    private string _step = "";
    private string _elapsed = "";

    [Parameter, EditorRequired]
    public CheckView View { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override void OnParametersSet() => Refresh();

    protected override void OnAfterRender(bool firstRender)
    {
        if (View.Status == CheckStatus.Running)
        {
            StartTicking();
        }
        else
        {
            StopTicking();
        }
    }

    /// <summary>Recomputes the running texts; true when what the page shows changes.</summary>
    private bool Refresh()
    {
        if (View.Status != CheckStatus.Running)
        {
            return false;
        }

        var now = Time.GetUtcNow();
        // Until the store or an event says when the run began, count from the moment this page learned it runs.
        _runningSeenAt ??= now;
        var started = View.StartedAt ?? _runningSeenAt.Value;
        var (text, since) = RunningStep.Current(View);
        var step = $"{text}… ({RunningStep.FormatTicking(now - (since ?? started))})";
        var elapsed = RunningStep.FormatTicking(now - started);
        var changed = step != _step || elapsed != _elapsed;
        _step = step;
        _elapsed = elapsed;
        return changed;
    }

    private void StartTicking()
    {
        lock (_tickerLock)
        {
            if (_ticker is null && !_disposed)
            {
                _ticker = Time.CreateTimer(_ => _ = InvokeAsync(Tick), null, TickInterval, TickInterval);
            }
        }
    }

    private void StopTicking()
    {
        lock (_tickerLock)
        {
            _ticker?.Dispose();
            _ticker = null;
        }
    }

    private void Tick()
    {
        if (_disposed)
        {
            return;
        }

        if (View.Status != CheckStatus.Running)
        {
            StopTicking();
            return;
        }

        if (Refresh())
        {
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        StopTicking();
        GC.SuppressFinalize(this);
    }
}
