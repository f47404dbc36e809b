namespace MailCheck.Web.Scale;

/// <summary>
/// Time as the database sees it. Leases are granted, renewed and judged expired by PostgreSQL's clock alone, so the
/// clocks of the instances never have to agree.
/// </summary>
internal static class DbClock
{
    /// <summary>SQL for "now" in Unix milliseconds (the unit of every instant MailCheck stores).</summary>
    public const string NowMs = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
}
