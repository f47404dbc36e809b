namespace MailCheck.Web.Data;

/// <summary>
/// Held while migrations are applied, so instances that start at once on one database apply them once, one after the
/// other (PostgreSQL: a session advisory lock). One SQLite process needs none.
/// </summary>
public interface IMigrationLock
{
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);
}
