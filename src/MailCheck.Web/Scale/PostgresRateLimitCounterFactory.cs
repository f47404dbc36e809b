using MailCheck.Web.Safety;
using Npgsql;

namespace MailCheck.Web.Scale;

/// <summary>Shared rate limits: every instance counts in the same PostgreSQL table.</summary>
public sealed class PostgresRateLimitCounterFactory(NpgsqlDataSource database) : IRateLimitCounterFactory
{
    public IRateLimitCounter Create(string scope, WindowLimitOptions limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return new PostgresRateLimitCounter(database, scope, limit);
    }
}
