namespace MailCheck.Web.Checks;

/// <summary>
/// Where submitted checks wait for a runner. One process: <see cref="CheckQueue"/>, a bounded channel in memory.
/// Several instances on PostgreSQL: <see cref="Scale.SharedCheckQueue"/>, the checks table itself.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue, and called so everywhere.")]
public interface ICheckQueue
{
    /// <summary>Most checks waiting (with several instances: waiting anywhere).</summary>
    int Capacity { get; }

    /// <summary>False once this instance is shutting down.</summary>
    bool IsAcceptingWork { get; }

    /// <summary>Checks waiting now (with several instances: in the whole queue).</summary>
    ValueTask<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Hands over a check that the store already recorded as queued; false when it cannot be taken (the caller then
    /// deletes the record). It keeps the request (and its password, if any) in memory until it runs.
    /// </summary>
    bool TryEnqueue(QueuedCheck check);
}
