namespace MailCheck.Core.Pipeline;

/// <summary>Configuration section <c>MailCheck:Posture</c>.</summary>
public sealed class PostureOptions
{
    public const string SectionName = "MailCheck:Posture";

    /// <summary>
    /// Time all posture stages of one check may take together (DNS of a slow zone cannot hold a check for long);
    /// what did not finish is marked "not tested". The SMTP conversation has its own deadline (Smtp:CheckTimeout).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
