namespace MailCheck.Core.Checks;

/// <summary>
/// How one target of an every-MX check (scope all) ended: its own result, as a check of that one address would report
/// it, or why it was not tested.
/// </summary>
/// <param name="Result">The target's result. For a target that was not tested, the outcome that explains why
/// (<see cref="CheckOutcome.Blocked"/> for the safety policy, <see cref="CheckOutcome.Unreachable"/> otherwise).</param>
public sealed record TargetOutcomeDetail(CheckResult Result) : CheckEventDetail
{
    /// <summary>
    /// Why the target was not tested (the safety policy refused it, it exceeded the connection cap, or MailCheck has no
    /// route to its address family); null when it was. Targets not tested are left out of the count of accepted targets.
    /// </summary>
    public string? NotTested { get; init; }
}
