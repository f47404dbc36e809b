using MailCheck.Core.Checks;

namespace MailCheck.Core.Smtp;

/// <summary>
/// The outcome of an every-MX check (scope all), from its targets' own results. A postmaster asks "do all my MX hosts
/// take mail?", so:
/// <list type="bullet">
/// <item><see cref="CheckOutcome.Accepted"/> only when every target tested accepted (probe: a recipient at RCPT TO;
/// connect: greeting and EHLO).</item>
/// <item>Otherwise the outcome of the first target, in MX order (preference, then address order: the order a sender
/// tries them), that did not accept — e.g. <c>unreachable</c> when a backup MX is down though the primary works —
/// with a summary that starts with how many targets accepted.</item>
/// <item>Targets not tested (refused by the safety policy, beyond the connection cap, an address family MailCheck has
/// no route to) are named in the summary but not counted; when none was tested, <see cref="CheckOutcome.Blocked"/> if
/// the policy refused them all, else <see cref="CheckOutcome.Unreachable"/>.</item>
/// </list>
/// </summary>
internal static class AllTargetsOutcome
{
    public static CheckResult Decide(CheckRequest request, IReadOnlyList<(EventTarget Target, TargetOutcomeDetail Outcome)> rows)
    {
        var tested = rows.Where(r => r.Outcome.NotTested is null).ToList();
        var untested = rows.Where(r => r.Outcome.NotTested is not null).ToList();
        var untestedText = untested.Count == 0
            ? ""
            : $"; {untested.Count} not tested ({string.Join("; ", untested.GroupBy(r => r.Outcome.NotTested).Select(g => $"{string.Join(", ", g.Select(r => r.Target.Tag))}: {g.Key}"))})";
        if (tested.Count == 0)
        {
            var allBlocked = untested.All(r => r.Outcome.Result.Outcome == CheckOutcome.Blocked);
            return new CheckResult
            {
                Outcome = allBlocked ? CheckOutcome.Blocked : CheckOutcome.Unreachable,
                Summary = allBlocked
                    ? $"Blocked: the safety policy refused every address of {request.Domain}'s mail servers"
                    : $"Unreachable: no mail server of {request.Domain} could be tested{untestedText}",
                Step = allBlocked ? EventKind.Policy : EventKind.Connect,
            };
        }

        var accepted = tested.Count(r => r.Outcome.Result.Outcome == CheckOutcome.Accepted);
        var failing = tested.Where(r => r.Outcome.Result.Outcome != CheckOutcome.Accepted).ToList();
        if (failing.Count == 0)
        {
            var hosts = tested.Select(r => r.Target.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var what = request.Mode == CheckMode.Connect
                ? "each greeted and accepted EHLO; nothing was sent"
                : "each accepted the recipient at RCPT TO; probe: nothing was sent";
            return new CheckResult
            {
                Outcome = CheckOutcome.Accepted,
                Summary = $"Accepted by all {Plural(tested.Count, "target")} tested ({Plural(hosts, "MX host")}): {what}{untestedText}",
                Step = request.Mode == CheckMode.Connect ? EventKind.Ehlo : EventKind.Rcpt,
            };
        }

        var (target, first) = failing[0];
        var others = failing.Count > 1
            ? $"; not accepted either: {string.Join(", ", failing.Skip(1).Select(f => $"{f.Target.Tag} {f.Target.Label} ({TranscriptFormatter.OutcomeName(f.Outcome.Result.Outcome)})"))}"
            : "";
        return first.Result with
        {
            Summary = $"{accepted} of {Plural(tested.Count, "target")} accepted; first not accepted, {target.Tag} {target.Label}: {first.Result.Summary}{others}{untestedText}",
        };
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
