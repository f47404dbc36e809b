using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>
/// What a live watcher is told: the check's status, and the event that just happened when it is known in this process.
/// An update without an event only says "the store has more" (up to <see cref="StoredSeq"/> when known): another
/// instance appended it, and watchers read it from the store.
/// </summary>
public sealed record CheckUpdate(CheckStatus Status, CheckEvent? Event)
{
    /// <summary>"The store may hold events you have not seen": every watcher re-reads it.</summary>
    public static CheckUpdate Resync { get; } = new(CheckStatus.Running, null);

    /// <summary>The highest sequence number the store is known to hold now; null when unknown (read it to see).</summary>
    public int? StoredSeq { get; init; }
}
