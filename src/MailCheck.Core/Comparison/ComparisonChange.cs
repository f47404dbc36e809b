namespace MailCheck.Core.Comparison;

/// <summary>One difference between two checks.</summary>
/// <param name="Area">What it is about.</param>
/// <param name="Subject">Where: a host ("mx1.example.com"), a step at a host ("RCPT TO at mx1.example.com"), a scorecard item.</param>
/// <param name="Before">The value in the earlier check; null when it had none (added).</param>
/// <param name="After">The value in the later check; null when it has none (removed).</param>
/// <param name="Text">One line for people: "RCPT TO at mx1.example.com: 250 2.1.5 → 550 5.1.1".</param>
public sealed record ComparisonChange(ComparisonArea Area, string Subject, string? Before, string? After, string Text);
