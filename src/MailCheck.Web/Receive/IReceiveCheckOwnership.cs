namespace MailCheck.Web.Receive;

/// <summary>
/// What a storage provider needs before one instance may append to a receive check: nothing with SQLite (one
/// process); with PostgreSQL the instance that holds the check must own it (only the owner may append, and its
/// heartbeat renews the lease).
/// </summary>
public interface IReceiveCheckOwnership
{
    /// <summary>This instance now appends to the check.</summary>
    Task TakeAsync(string checkId, CancellationToken cancellationToken);

    /// <summary>This instance no longer appends to it (it goes on waiting; any instance may take it).</summary>
    Task ReleaseAsync(string checkId, CancellationToken cancellationToken);
}
