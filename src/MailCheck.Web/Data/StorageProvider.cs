namespace MailCheck.Web.Data;

/// <summary>Where MailCheck keeps its checks: <c>MailCheck:Storage:Provider</c>.</summary>
public enum StorageProvider
{
    /// <summary>One process, an SQLite file, an in-process queue (the default: nothing to install).</summary>
    Sqlite,

    /// <summary>
    /// PostgreSQL: any number of instances share the checks table as their queue, live events (LISTEN/NOTIFY), rate
    /// limits, data-protection keys and the retention sweep.
    /// </summary>
    Postgres,
}
