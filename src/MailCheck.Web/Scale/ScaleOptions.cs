namespace MailCheck.Web.Scale;

/// <summary>
/// Configuration section <c>MailCheck:Scale</c>: how instances sharing one PostgreSQL database hold their checks.
/// Used only with <c>MailCheck:Storage:Provider=Postgres</c>; one SQLite process needs none of it.
/// </summary>
public sealed class ScaleOptions
{
    public const string SectionName = "MailCheck:Scale";

    /// <summary>
    /// This instance's name in the database, the logs and <c>/healthz</c>. Default: the host name and a random suffix,
    /// new at every start. If you set it, it must be unique among running instances; an instance that restarts under
    /// the same name records the checks its previous life held as interrupted at once instead of after their lease.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>How often an instance renews the leases of the checks it holds (and sweeps expired ones).</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a check stays held without a renewal, by the database's clock. When it ends (the instance died or
    /// lost the database), any other instance records the check as interrupted; it is never run again.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often an idle instance looks at the queue even without a notification (NOTIFY normally wakes it at once).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
