using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// Group commit for a database with one writer at a time (SQLite): writes from every running check and request wait
/// in one queue, and a single writer stores whatever has gathered in one transaction, then completes each caller's
/// task. A caller awaits its own write, so "stored before shown" and each check's order hold exactly as with one
/// transaction per write; a write that arrives while the database is idle is stored at once (a batch of one).
/// </summary>
/// <remarks>
/// Measured cause (docs/benchmarks.md): with one transaction per event, concurrent checks queued on SQLite's write lock
/// inside <c>BEGIN IMMEDIATE</c> (its busy handler sleeps while it waits), which blocked thread-pool threads; one
/// writer never waits for the lock and commits once per batch. When a batch fails, its writes are retried one by one
/// in their own transactions, so one bad write never fails another.
/// </remarks>
internal sealed partial class GroupCommitWriter(IDbContextFactory<MailCheckDbContext> contexts, ILogger logger)
{
    /// <summary>Most writes in one transaction.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    /// <summary>
    /// Queues a write and waits until it is committed. <paramref name="apply"/> adds to or changes the database through
    /// the batch's context and returns null, or returns the exception for this caller when its write must not happen
    /// (nothing it added is kept then: it must add nothing in that case). <paramref name="afterSave"/> runs inside the
    /// transaction after the batch's changes are saved.
    /// </summary>
    public Task WriteAsync(Func<MailCheckDbContext, Task<Exception?>> apply, Func<MailCheckDbContext, Task>? afterSave = null)
    {
        var pending = new PendingWrite(apply, afterSave);
        EnsureWriter();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The write queue is closed.");
        }

        return pending.Done.Task;
    }

    private void EnsureWriter()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 1 || !await TryWriteBatchAsync(batch).ConfigureAwait(false))
            {
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>All of <paramref name="batch"/> in one transaction; false (nothing kept, nobody completed) when it failed.</summary>
    private async Task<bool> TryWriteBatchAsync(List<PendingWrite> batch)
    {
        var refused = new Exception?[batch.Count];
        try
        {
            await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                refused[i] = await batch[i].Apply(db).ConfigureAwait(false);
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (refused[i] is null && batch[i].AfterSave is { } afterSave)
                {
                    await afterSave(db).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Each write is tried again alone, where its own exception reaches its caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, ex, batch.Count);
            return false;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (refused[i] is { } exception)
            {
                batch[i].Done.TrySetException(exception);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }

        return true;
    }

    private async Task WriteAloneAsync(PendingWrite pending)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            if (await pending.Apply(db).ConfigureAwait(false) is { } refused)
            {
                pending.Done.TrySetException(refused);
                return;
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
            if (pending.AfterSave is { } afterSave)
            {
                await afterSave(db).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            pending.Done.TrySetResult();
        }
#pragma warning disable CA1031 // The caller gets its own exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            pending.Done.TrySetException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; each is tried again alone")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class PendingWrite(Func<MailCheckDbContext, Task<Exception?>> apply, Func<MailCheckDbContext, Task>? afterSave)
    {
        public Func<MailCheckDbContext, Task<Exception?>> Apply { get; } = apply;

        public Func<MailCheckDbContext, Task>? AfterSave { get; } = afterSave;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
