using MailCheck.Web.Safety;
using Npgsql;

namespace MailCheck.Web.Scale;

/// <summary>
/// A sliding-window log kept in PostgreSQL (<c>RateLimitHits</c>), shared by every instance: exact like the
/// in-memory one (no burst at a window's edge; the retry time is when the oldest hit that still counts leaves the
/// window), on the database's clock. One key is counted by one transaction at a time (an advisory lock on the key),
/// so two instances cannot both take the last place. When the database does not answer it throws: the guard then
/// refuses (fails closed).
/// </summary>
public sealed class PostgresRateLimitCounter(NpgsqlDataSource database, string scope, WindowLimitOptions limit) : IRateLimitCounter
{
    public int Limit { get; } = limit.Limit;

    public TimeSpan Window { get; } = limit.Window;

    public async ValueTask<TimeSpan?> TryAcquireAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var windowMs = (long)Window.TotalMilliseconds;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        long now;
        await using (var lockAndClock = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0)), {DbClock.NowMs}", connection, transaction))
        {
            lockAndClock.Parameters.AddWithValue("lock", $"mailcheck.rate:{scope}:{key}");
            await using var reader = await lockAndClock.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            now = reader.GetInt64(1);
        }

        // Forget what left the window; then the hit whose departure would make room: the Limit-th newest.
        await using (var expire = new NpgsqlCommand(
            "DELETE FROM \"RateLimitHits\" WHERE \"Scope\" = @scope AND \"Key\" = @key AND \"At\" <= @since", connection, transaction))
        {
            expire.Parameters.AddWithValue("scope", scope);
            expire.Parameters.AddWithValue("key", key);
            expire.Parameters.AddWithValue("since", now - windowMs);
            await expire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var oldest = new NpgsqlCommand(
            "SELECT \"At\" FROM \"RateLimitHits\" WHERE \"Scope\" = @scope AND \"Key\" = @key ORDER BY \"At\" DESC OFFSET @skip LIMIT 1", connection, transaction))
        {
            oldest.Parameters.AddWithValue("scope", scope);
            oldest.Parameters.AddWithValue("key", key);
            oldest.Parameters.AddWithValue("skip", Limit - 1);
            if (await oldest.ExecuteScalarAsync(cancellationToken) is long at)
            {
                await transaction.RollbackAsync(cancellationToken);
                var wait = TimeSpan.FromMilliseconds(at + windowMs - now);
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
            }
        }

        await using (var count = new NpgsqlCommand(
            "INSERT INTO \"RateLimitHits\" (\"Scope\", \"Key\", \"At\") VALUES (@scope, @key, @now)", connection, transaction))
        {
            count.Parameters.AddWithValue("scope", scope);
            count.Parameters.AddWithValue("key", key);
            count.Parameters.AddWithValue("now", now);
            await count.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
