using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Spf;

/// <summary>A finding in the making: its status, a short headline for the item's title, the text and the fix.</summary>
internal sealed record SpfIssue(ScoreStatus Status, string Headline, string Text, string? Fix = null)
{
    public ScoreFinding ToFinding() => new(Status, Text, Fix);
}
