using MailCheck.Web.Data;
using Npgsql;

namespace MailCheck.Web.Scale;

/// <summary>
/// A session advisory lock held on its own connection while migrations run: instances started at once on an empty
/// database take turns; the first applies the migrations, the others find nothing pending.
/// </summary>
public sealed class PostgresMigrationLock(NpgsqlDataSource database) : IMigrationLock
{
    /// <summary>The lock's key (any fixed number; "MailChk" in ASCII).</summary>
    public const long Key = 0x4D61696C43686B;

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            acquire.Parameters.AddWithValue("key", Key);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", Key);
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session releases the lock too, whatever happened above.
                await connection.DisposeAsync();
            }
        }
    }
}
