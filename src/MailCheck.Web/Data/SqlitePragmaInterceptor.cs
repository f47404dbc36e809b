using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MailCheck.Web.Data;

/// <summary>
/// Per-connection SQLite settings: in WAL mode (set once at start-up, kept in the file) <c>synchronous=NORMAL</c> is
/// safe against corruption and avoids an fsync per appended event; <c>busy_timeout</c> lets concurrent checks wait
/// for the write lock instead of failing.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
