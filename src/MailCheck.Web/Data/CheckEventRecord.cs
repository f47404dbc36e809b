using MailCheck.Core.Checks;

namespace MailCheck.Web.Data;

/// <summary>One event of a check, appended as it happens. The whole event is kept as JSON.</summary>
public sealed class CheckEventRecord
{
    public required string CheckId { get; set; }

    public int Seq { get; set; }

    public EventKind Kind { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The <see cref="CheckEvent"/> serialised with <see cref="Hosting.MailCheckJson.Options"/>.</summary>
    public required string Json { get; set; }
}
