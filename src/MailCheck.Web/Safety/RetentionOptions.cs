namespace MailCheck.Web.Safety;

/// <summary>
/// Keys <c>MailCheck:Retention</c> (how long finished checks are kept, default 30 days; <c>00:00:00</c> keeps them
/// forever) and <c>MailCheck:RetentionSweepInterval</c> (how often old checks are looked for, default 1 hour).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section the two keys live in.</summary>
    public const string SectionName = "MailCheck";

    public static TimeSpan DefaultRetention { get; } = TimeSpan.FromDays(30);

    /// <summary>Finished checks older than this (by creation time) are deleted with their events. Zero: never.</summary>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    /// <summary>Time between two sweeps; the first runs as soon as the app has started.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
