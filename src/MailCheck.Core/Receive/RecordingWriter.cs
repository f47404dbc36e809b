using System.Threading.Channels;
using MailCheck.Core.Checks;
using Microsoft.Extensions.Logging;

namespace MailCheck.Core.Receive;

/// <summary>
/// Appends one receive check's events in order, one at a time, from a channel: the session and the verdicts post
/// without waiting for the store, as the engine's stages do. Once closed (after the outcome) further posts are dropped.
/// </summary>
internal sealed partial class RecordingWriter
{
    private readonly Channel<CheckEvent> _channel = Channel.CreateUnbounded<CheckEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _sessionDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly Task _pump;

    public RecordingWriter(IReceiveRecording recording, ILogger logger)
    {
        Recording = recording;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    public IReceiveRecording Recording { get; }

    public string CheckId => Recording.CheckId;

    /// <summary>Completes when the session no longer records into this check (it ended, or began another transaction).</summary>
    public Task SessionDone => _sessionDone.Task;

    /// <summary>True once the store refused an event: the check is lost to this writer.</summary>
    public bool Failed { get; private set; }

    /// <summary>Queues an event; false when the writer is closed.</summary>
    public bool Post(CheckEvent draft) => _channel.Writer.TryWrite(draft);

    /// <summary>The session stopped recording into this check.</summary>
    public void SessionDetached() => _sessionDone.TrySetResult();

    /// <summary>Takes no more events, and waits until every queued one is stored.</summary>
    public async Task CloseAsync()
    {
        _channel.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        await foreach (var e in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (Failed)
            {
                continue;
            }

            try
            {
                await Recording.AppendAsync(e, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A store fault must not take the listener down; the check is finished by the sweeper.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failed = true;
                LogAppendFailed(_logger, ex, Recording.CheckId);
            }
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "Receive check {CheckId}: an event could not be stored; later events of this check are dropped")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string checkId);
}
