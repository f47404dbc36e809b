namespace MailCheck.Core.Checks;

/// <summary>
/// Every MX at once (scope all): the targets MailCheck will test, numbered in MX order, and how many run at once.
/// Addresses the safety policy refuses or that exceed the connection cap are listed too (each gets a
/// <see cref="TargetOutcomeDetail"/> saying why it was not tested).
/// </summary>
/// <param name="Targets">Every address of every MX host, in preference order, then address order.</param>
/// <param name="MaxParallel">Most attempts running at the same time.</param>
public sealed record TargetPlanDetail(IReadOnlyList<EventTarget> Targets, int MaxParallel) : CheckEventDetail;
