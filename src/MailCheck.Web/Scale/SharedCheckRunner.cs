using System.Collections.Concurrent;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Scale;

/// <summary>
/// The runner of one of N instances: claims checks from the shared queue (at most
/// <see cref="LimitsOptions.MaxConcurrentChecks"/> at once on this instance), runs them, and every
/// <see cref="ScaleOptions.Heartbeat"/> renews the leases of what it holds and records as interrupted the checks whose
/// holder's lease ended. A check whose lease this instance lost stops writing at once and cannot pass the gate before
/// DATA. On shutdown it takes nothing more; checks with credentials waiting here are recorded interrupted (no other
/// instance could run them), free queued checks stay for the others, running ones get the grace.
/// </summary>
public sealed partial class SharedCheckRunner(
    SharedCheckQueue queue,
    PostgresCheckStore store,
    ICheckEngine engine,
    ICheckNotifier notifier,
    InstanceIdentity instance,
    TimeProvider time,
    IOptions<LimitsOptions> limits,
    IOptions<ScaleOptions> scale,
    IOptions<MailCheckWebOptions> webOptions,
    ILogger<SharedCheckRunner> logger) : BackgroundService, IHostedLifecycleService
{
    public const string QueuedHereSummary =
        "MailCheck was shutting down before this check could run. It carried AUTH credentials, which only the instance that received them holds, so no other instance could run it.";

    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _heartbeatStop = new();
    private readonly ConcurrentDictionary<string, RunningCheck> _running = new(StringComparer.Ordinal);
    private readonly CheckExecution _execution = new(engine, store, notifier, time, logger);
    private readonly Lock _drainLock = new();
    private Task? _drain;
    private Task? _heartbeat;
    private long _lastRenewal;
    private int _disposed;

    /// <summary>Checks running on this instance now.</summary>
    public int RunningCount => _running.Count;

    public Task StoppingAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lastRenewal = time.GetTimestamp();
        _heartbeat = HeartbeatAsync(_heartbeatStop.Token);
        LogJoined(logger, instance.Id, limits.Value.MaxConcurrentChecks);
        using var slots = new SemaphoreSlim(limits.Value.MaxConcurrentChecks);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await queue.WaitAsync(scale.Value.PollInterval, stoppingToken);
                while (queue.IsAcceptingWork)
                {
                    await slots.WaitAsync(stoppingToken);
                    var claimed = await TryClaimAsync(stoppingToken);
                    if (claimed is null)
                    {
                        slots.Release();
                        break;
                    }

                    Start(claimed, slots);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: free queued checks stay in the table for the other instances.
        }
    }

    private async Task<ClaimedCheck?> TryClaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.ClaimNextAsync(queue.PinnedIds, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimFailed(logger, ex);
            return null;
        }
    }

    private void Start(ClaimedCheck claimed, SemaphoreSlim slots)
    {
        var entry = new RunningCheck(time.GetTimestamp(), CancellationTokenSource.CreateLinkedTokenSource(_abort.Token));
        var request = claimed.Pinned
            ? queue.TakePinned(claimed.Id)?.Request
            : claimed.Request.ToCheckRequest();
        _running[claimed.Id] = entry;
        entry.Task = RunAndReleaseAsync(claimed.Id, request, entry, slots);
    }

    private async Task RunAndReleaseAsync(string id, CheckRequest? request, RunningCheck entry, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            if (request is null)
            {
                // Only pinned checks whose credentials are here are claimed; should one get lost (shutdown forgot them
                // meanwhile), it never runs without them.
                var now = time.GetUtcNow();
                await store.AppendAsync(id, OutcomeEvents.Create(1, now, TimeSpan.Zero, CheckOutcome.Interrupted, QueuedHereSummary), CancellationToken.None);
                return;
            }

            var gated = request with { SendGate = new LeaseGate(store, id, () => entry.Lost) };
            await _execution.RunAsync(new QueuedCheck(id, gated), markRunning: false, () => _abort.IsCancellationRequested, entry.Stop.Token, () => !entry.Lost);
        }
#pragma warning disable CA1031 // The lease sweep records it interrupted if this instance could not.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRunFailed(logger, ex, id);
        }
        finally
        {
            _running.TryRemove(id, out _);
            entry.Stop.Dispose();
            slots.Release();
            queue.Wake(); // a slot is free: look at the queue now rather than at the next poll
        }
    }

    /// <summary>Renews this instance's leases and sweeps expired ones, every heartbeat, until the drain is over.</summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var settings = scale.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = time.GetTimestamp();
            try
            {
                var held = await store.RenewLeasesAsync(cancellationToken);
                _lastRenewal = sent;
                foreach (var (id, entry) in _running)
                {
                    // A check claimed after the renewal was sent is not in its answer yet.
                    if (entry.ClaimedAt < sent && !held.Contains(id))
                    {
                        Lose(id, entry);
                    }
                }

                foreach (var expired in await store.InterruptExpiredAsync(time.GetUtcNow(), cancellationToken))
                {
                    LogExpired(logger, expired.Id, expired.FormerOwner ?? "(unknown)");
                    notifier.Publish(expired.Id, new CheckUpdate(CheckStatus.Finished, null) { StoredSeq = expired.Seq });
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHeartbeatFailed(logger, ex);
                if (time.GetElapsedTime(_lastRenewal) >= settings.Lease)
                {
                    // Without the database for a whole lease, another instance may already record these as interrupted.
                    foreach (var (id, entry) in _running)
                    {
                        Lose(id, entry);
                    }
                }
            }

            try
            {
                await Task.Delay(settings.Heartbeat, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Lose(string id, RunningCheck entry)
    {
        if (entry.Lost)
        {
            return;
        }

        entry.Lost = true;
        LogLeaseLost(logger, id);
        try
        {
            entry.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It just finished.
        }
    }

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

        // Checks with credentials that waited here cannot run anywhere else: say so now.
        if (queue.ForgetPinned() > 0)
        {
            await TryAsync(() => store.InterruptQueuedHereAsync(QueuedHereSummary, time.GetUtcNow(), CancellationToken.None));
        }

        var all = Task.WhenAll(_running.Values.Select(r => r.Task ?? Task.CompletedTask));
        if (!all.IsCompleted)
        {
            LogDraining(logger, _running.Count, webOptions.Value.ShutdownGrace);
            await Task.WhenAny(all, Task.Delay(webOptions.Value.ShutdownGrace, time, cancellationToken));
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

        // Anything still unfinished that this instance holds (hung) is recorded now, not after its lease.
        if (!all.IsCompleted)
        {
            await TryAsync(() => store.InterruptUnfinishedAsync(CheckRunner.ShutdownSummary, time.GetUtcNow(), CancellationToken.None));
        }

        await _heartbeatStop.CancelAsync();
        if (_heartbeat is not null)
        {
            await _heartbeat;
        }

        LogLeft(logger, instance.Id);
    }

    private async Task TryAsync(Func<Task<int>> action)
    {
        try
        {
            await action();
        }
#pragma warning disable CA1031 // Their leases end and another instance records them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRunFailed(logger, ex, "(shutdown)");
        }
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _abort.Cancel();
            _heartbeatStop.Cancel();
            _abort.Dispose();
            _heartbeatStop.Dispose();
            base.Dispose();
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Instance {InstanceId} takes checks from the shared queue, at most {MaxConcurrent} at once")]
    private static partial void LogJoined(ILogger logger, string instanceId, int maxConcurrent);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Could not take a check from the shared queue; trying again")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "Lease heartbeat failed; the held checks stay held until their leases end")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "Check {CheckId}: this instance lost its lease; the check stops and sends nothing more")]
    private static partial void LogLeaseLost(ILogger logger, string checkId);

    [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "Check {CheckId} recorded as interrupted: the lease of instance {Owner} ended")]
    private static partial void LogExpired(ILogger logger, string checkId, string owner);

    [LoggerMessage(EventId = 135, Level = LogLevel.Error, Message = "Check {CheckId} could not be run or recorded by this instance")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string checkId);

    [LoggerMessage(EventId = 136, Level = LogLevel.Warning, Message = "Shutting down: {Count} running checks get {Grace} to finish")]
    private static partial void LogDraining(ILogger logger, int count, TimeSpan grace);

    [LoggerMessage(EventId = 137, Level = LogLevel.Information, Message = "Instance {InstanceId} left the shared queue")]
    private static partial void LogLeft(ILogger logger, string instanceId);

    private sealed class RunningCheck(long claimedAt, CancellationTokenSource stop)
    {
        private volatile bool _lost;

        public long ClaimedAt { get; } = claimedAt;

        public CancellationTokenSource Stop { get; } = stop;

        public Task? Task { get; set; }

        public bool Lost
        {
            get => _lost;
            set => _lost = value;
        }
    }
}
