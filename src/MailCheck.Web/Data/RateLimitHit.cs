namespace MailCheck.Web.Data;

/// <summary>
/// One accepted check counted by a shared rate limit (PostgreSQL only): the sliding-window log that every instance
/// reads and writes, so N instances together allow what one would.
/// </summary>
public sealed class RateLimitHit
{
    public long Id { get; set; }

    /// <summary>Which limit: <c>client</c> or <c>domain</c>.</summary>
    public required string Scope { get; set; }

    /// <summary>The client key (address or /64) or the domain.</summary>
    public required string Key { get; set; }

    /// <summary>When it was counted: Unix milliseconds by the database's clock.</summary>
    public long At { get; set; }
}
