namespace MailCheck.Core.Checks;

/// <summary>Carries the result on the last event of a check.</summary>
public sealed record OutcomeDetail(CheckResult Result) : CheckEventDetail;
