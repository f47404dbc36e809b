using System.Collections.Concurrent;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Checks;

/// <summary>
/// Takes checks from the queue and runs them, at most <see cref="LimitsOptions.MaxConcurrentChecks"/> at once,
/// outside any circuit or request. Each event is stored, then published to live watchers.
/// On shutdown, running checks get <see cref="MailCheckWebOptions.ShutdownGrace"/> to finish; the rest are
/// recorded as interrupted.
/// </summary>
public sealed partial class CheckRunner(
    CheckQueue queue,
    ICheckEngine engine,
    ICheckStore store,
    ICheckNotifier notifier,
    TimeProvider time,
    IOptions<LimitsOptions> limits,
    IOptions<MailCheckWebOptions> webOptions,
    ILogger<CheckRunner> logger) : BackgroundService, IHostedLifecycleService
{
    public const string ShutdownSummary = "MailCheck was shutting down and stopped this check before it finished.";
    public const string CrashSummary = "MailCheck hit an internal error and could not finish this check.";

    private readonly CancellationTokenSource _abort = new();
    private readonly CheckExecution _execution = new(engine, store, notifier, time, logger);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Lock _drainLock = new();
    private Task? _drain;
    private int _disposed;

    /// <summary>Checks running now.</summary>
    public int RunningCount => _running.Count;

    /// <summary>
    /// Shutdown begins here, before the web server stops: the queue closes (submissions get 503, readiness fails)
    /// while running checks get the grace. Kestrel keeps answering meanwhile.
    /// </summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_drainLock)
        {
            return _drain ??= DrainOnceAsync(cancellationToken);
        }
    }

    private async Task DrainOnceAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        await base.StopAsync(cancellationToken);

        var all = Task.WhenAll(_running.Values);
        if (!all.IsCompleted)
        {
            LogDraining(logger, _running.Count, webOptions.Value.ShutdownGrace);
            var grace = Task.Delay(webOptions.Value.ShutdownGrace, time, cancellationToken);
            await Task.WhenAny(all, grace);
            try
            {
                await _abort.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The host disposed the runner first: the checks were stopped then.
            }

            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), time, CancellationToken.None));
        }

        // Checks still waiting in the queue (or hung) are recorded now rather than at the next start-up.
        if (queue.Count > 0 || !all.IsCompleted)
        {
            try
            {
                await store.InterruptUnfinishedAsync(ShutdownSummary, time.GetUtcNow(), CancellationToken.None);
            }
#pragma warning disable CA1031 // The next start-up marks them interrupted anyway.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCrashed(logger, ex, "(queued)");
            }
        }
    }

    public override void Dispose()
    {
        // Registered both as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _abort.Cancel();
            _abort.Dispose();
            base.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(limits.Value.MaxConcurrentChecks);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                if (!queue.Reader.TryRead(out var check))
                {
                    slots.Release();
                    continue;
                }

                var run = RunAndReleaseAsync(check, slots);
                _running[check.Id] = run;
                _ = run.ContinueWith(_ => _running.TryRemove(check.Id, out Task? _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: checks still in the queue stay "queued" and are marked interrupted at the next start-up.
        }
    }

    private async Task RunAndReleaseAsync(QueuedCheck check, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            await _execution.RunAsync(check, markRunning: true, () => true, _abort.Token);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Shutting down: {Count} running checks get {Grace} to finish")]
    private static partial void LogDraining(ILogger logger, int count, TimeSpan grace);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Check {CheckId} failed inside MailCheck")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string checkId);
}
