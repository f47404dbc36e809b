namespace MailCheck.Web.Data;

/// <summary>Configuration section <c>MailCheck:Storage</c>: which database, and who applies its migrations.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "MailCheck:Storage";

    /// <summary>
    /// <c>Sqlite</c> (default; <c>ConnectionStrings:MailCheck</c> is an SQLite connection string) or <c>Postgres</c>
    /// (<c>ConnectionStrings:MailCheck</c> is an Npgsql connection string; several instances may share it).
    /// </summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start-up (default). With <c>false</c> an instance refuses to start while migrations
    /// are pending: run <c>dotnet MailCheck.Web.dll --migrate</c> (a job) first.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;
}
