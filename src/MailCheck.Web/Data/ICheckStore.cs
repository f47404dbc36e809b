using MailCheck.Core.Documents;
using MailCheck.Core.Checks;

namespace MailCheck.Web.Data;

/// <summary>Where checks and their events are kept. Every event is appended as it happens.</summary>
public interface ICheckStore
{
    /// <summary>Records a new queued check.</summary>
    Task CreateAsync(string id, string domain, RedactedRequest request, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Removes a check that never got into the queue.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken);

    Task MarkRunningAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Appends one event; an <see cref="EventKind.Outcome"/> event also finishes the check.</summary>
    /// <exception cref="CheckNotHeldException">
    /// The check is finished, or (several instances) this instance no longer holds it: nothing was written.
    /// </exception>
    Task AppendAsync(string id, CheckEvent checkEvent, CancellationToken cancellationToken);

    /// <summary>The stored events after <paramref name="afterSeq"/>, in order; null when there is no such check.</summary>
    Task<IReadOnlyList<CheckEvent>?> ReadEventsAsync(string id, int afterSeq, CancellationToken cancellationToken);

    /// <summary>The check with all its stored events in order, or null when there is no such check.</summary>
    Task<StoredCheck?> GetAsync(string id, CancellationToken cancellationToken);

    Task<CheckHistoryPage> ListAsync(CheckQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Finishes every check that is still queued or running as <see cref="CheckOutcome.Interrupted"/> (they are never
    /// re-run), appending an outcome event to each. Returns how many there were. With several instances on one
    /// database: only the checks this instance holds.
    /// </summary>
    Task<int> InterruptUnfinishedAsync(string summary, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes finished checks (and their events) created before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
