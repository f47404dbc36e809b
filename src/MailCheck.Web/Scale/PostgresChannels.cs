namespace MailCheck.Web.Scale;

/// <summary>The LISTEN/NOTIFY channels the instances talk on. Payloads are small (well under PostgreSQL's 8000 bytes).</summary>
internal static class PostgresChannels
{
    /// <summary>"checkId:seq": an event was appended (sent inside the appending transaction, so only for committed rows).</summary>
    public const string Events = "mailcheck_events";

    /// <summary>"checkId": a check was queued; idle instances look at the queue at once.</summary>
    public const string Queue = "mailcheck_queue";
}
