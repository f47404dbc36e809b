namespace MailCheck.Core.Scorecard;

/// <summary>One observation inside a scorecard item.</summary>
/// <param name="Status">Its verdict.</param>
/// <param name="Text">What was seen and why it matters, naming its RFC section.</param>
/// <param name="Fix">One line saying what to change, when something should.</param>
public sealed record ScoreFinding(ScoreStatus Status, string Text, string? Fix = null);
