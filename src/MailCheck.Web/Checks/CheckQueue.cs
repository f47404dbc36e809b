using System.Threading.Channels;
using MailCheck.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Checks;

/// <summary>The bounded queue between submission and the runner in one process. Full means "busy", never a wait.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue, and called so everywhere.")]
public sealed class CheckQueue : ICheckQueue
{
    private readonly Channel<QueuedCheck> _channel;

    public CheckQueue(IOptions<LimitsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.QueueCapacity;
        _channel = Channel.CreateBounded<QueuedCheck>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Checks waiting (not yet taken by the runner).</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>False once the app is shutting down.</summary>
    public bool IsAcceptingWork { get; private set; } = true;

    internal ChannelReader<QueuedCheck> Reader => _channel.Reader;

    public ValueTask<int> CountAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Count);

    /// <summary>Adds a check without waiting; false when the queue is full or closed.</summary>
    public bool TryEnqueue(QueuedCheck check) => IsAcceptingWork && _channel.Writer.TryWrite(check);

    /// <summary>Stops taking new checks (shutdown).</summary>
    public void Close()
    {
        IsAcceptingWork = false;
        _channel.Writer.TryComplete();
    }
}
