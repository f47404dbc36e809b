using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Smtp;

/// <summary>Every MX at once (scope all): every address of every MX host, each its own attempt, in parallel.</summary>
public sealed partial class SmtpStage
{
    /// <summary>Most attempts of one every-MX check that run at the same time.</summary>
    public const int MaxParallelAttempts = 4;

    /// <summary>
    /// Plans one target per address of every MX host (IPv4 and IPv6, MX order, duplicates once), then runs each as its
    /// own attempt — at most <see cref="MaxParallelAttempts"/> at once and <see cref="MaxConnectionAttempts"/> in all —
    /// without failover and without falling back to plain text: each target's events carry the target, and each ends
    /// with a <see cref="TargetOutcomeDetail"/> event. Probe and connect only: never DATA.
    /// </summary>
    internal async Task<CheckResult> TestEveryTargetAsync(SessionPlan plan, IReadOnlyList<MxHost> hosts, CheckEventSink sink, CheckProgress progress, CancellationToken checkToken)
    {
        if (plan.Request.Mode == CheckMode.Send)
        {
            // The validator refuses this; never send one message to several servers, whatever calls the stage.
            throw new InvalidOperationException("An every-MX check (scope all) never sends a message: use probe or connect.");
        }

        progress.Step = EventKind.Connect;
        var targets = PlanTargets(plan.Request.Port, hosts, sink);
        if (targets.Count == 0)
        {
            return NothingConnected(plan, new AttemptTally());
        }

        sink.Info(
            EventKind.Target,
            $"Testing every MX: {Count(targets.Count, "address", "addresses")} of {Count(targets.Select(t => t.Target.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count(), "MX host", "MX hosts")}, "
            + $"each on its own connection, at most {MaxParallelAttempts} at a time: {string.Join("; ", targets.Select(t => $"{t.Target.Tag} {t.Target.Label}"))}.",
            new TargetPlanDetail([.. targets.Select(t => t.Target)], MaxParallelAttempts));

        var outcomes = new TargetOutcomeDetail?[targets.Count];
        var running = new List<Task>();
        var tried = 0;
        var finished = 0;
        using var slots = new SemaphoreSlim(MaxParallelAttempts);
        for (var i = 0; i < targets.Count; i++)
        {
            var (target, ip) = targets[i];
            var targetSink = sink.ForTarget(target);
            var decision = _policy.Evaluate(ip, target.Port);
            if (!decision.Allowed)
            {
                Blocked(targetSink, decision);
                outcomes[i] = Finish(targetSink, TargetResult(target, CheckOutcome.Blocked, EventKind.Policy, $"Blocked: the safety policy refused {target.Label} ({decision.Reason ?? "refused"})"), "refused by the safety policy");
                continue;
            }

            if (tried >= MaxConnectionAttempts)
            {
                targetSink.Info(EventKind.Connect, $"Not trying {target.Label}: MailCheck opens at most {MaxConnectionAttempts} connections per check.");
                outcomes[i] = Finish(targetSink, TargetResult(target, CheckOutcome.Unreachable, EventKind.Connect, $"Not tried: {target.Label} is beyond the first {MaxConnectionAttempts} addresses"), $"MailCheck opens at most {MaxConnectionAttempts} connections per check");
                continue;
            }

            tried++;
            var index = i;
            running.Add(Task.Run(
                async () =>
                {
                    outcomes[index] = await RunTargetAsync(plan, target, ip, targetSink, slots, checkToken).ConfigureAwait(false);
                    progress.Where = $"with {Interlocked.Increment(ref finished)} of {tried} targets finished";
                },
                CancellationToken.None));
        }

        progress.Where = $"with 0 of {tried} targets finished";
        await Task.WhenAll(running).ConfigureAwait(false);
        progress.Where = null;
        return AllTargetsOutcome.Decide(plan.Request, [.. targets.Select((t, i) => (t.Target, outcomes[i]!))]);
    }

    /// <summary>
    /// One target per address of every MX host, in MX order; a host without address is said and skipped. The order
    /// is stable from run to run although DNS servers rotate the records of an RRset (RFC 2181 §5: an RRset has no
    /// order): hosts of equal preference by name, a host's addresses IPv4 first, then by value. So a target keeps its
    /// number, and two runs of an unchanged domain compare as the same (which target failed first included).
    /// </summary>
    private static List<(EventTarget Target, IPAddress Ip)> PlanTargets(int port, IReadOnlyList<MxHost> hosts, CheckEventSink sink)
    {
        var targets = new List<(EventTarget, IPAddress)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in hosts.OrderBy(h => h.Preference).ThenBy(h => h.Host, StringComparer.OrdinalIgnoreCase))
        {
            if (host.Addresses.Count == 0)
            {
                sink.Info(EventKind.Connect, $"{host.Host} has no address{(host.Error is null ? "" : ": " + host.Error)}; it cannot be tested.", host: host.Host);
                continue;
            }

            var addresses = new List<IPAddress>();
            foreach (var resolved in host.Addresses)
            {
                if (!IPAddress.TryParse(resolved.Address, out var ip))
                {
                    sink.Info(EventKind.Connect, $"{host.Host}: \"{resolved.Address}\" is not an IP address; skipping it.", host: host.Host);
                    continue;
                }

                addresses.Add(ip);
            }

            foreach (var ip in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).ThenBy(a => Convert.ToHexString(a.GetAddressBytes()), StringComparer.Ordinal))
            {
                // The same MX listed twice (two preferences) is one target.
                if (seen.Add($"{host.Host} {ip}"))
                {
                    targets.Add((new EventTarget(targets.Count + 1, host.Host, ip.ToString(), port), ip));
                }
            }
        }

        return targets;
    }

    /// <summary>One target: wait for one of the check's parallel slots, then the attempt, then its outcome event.</summary>
    private async Task<TargetOutcomeDetail> RunTargetAsync(SessionPlan plan, EventTarget target, IPAddress ip, CheckEventSink sink, SemaphoreSlim slots, CancellationToken checkToken)
    {
        await slots.WaitAsync(checkToken).ConfigureAwait(false);
        try
        {
            var targetPlan = plan with { Host = target.Host, Address = target.Address };
            var progress = new CheckProgress();
            var tally = new AttemptTally();
            var result = await AttemptAsync(targetPlan, ip, sink, progress, tally, checkToken).ConfigureAwait(false)
                ?? TargetFailure(target, tally);
            if (result is { Outcome: CheckOutcome.TlsFailed, Step: EventKind.Tls } && plan.Request.Tls == TlsPolicy.Opportunistic)
            {
                result = result with { Summary = result.Summary + " (a sending server would connect again without TLS; an every-MX check reports the handshake as it failed)" };
            }

            var notTested = result.Outcome == CheckOutcome.Unreachable && tally.NoRoute
                ? $"MailCheck has no route to {(ip.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} addresses from where it runs ({tally.LastError})"
                : null;
            return Finish(sink, result, notTested);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The target's outcome event (tagged with the target), and its detail.</summary>
    private static TargetOutcomeDetail Finish(CheckEventSink sink, CheckResult result, string? notTested)
    {
        var detail = new TargetOutcomeDetail(result) { NotTested = notTested };
        var target = sink.Target!;
        var text = notTested is null
            ? $"Result for {target.Tag}: {result.Summary}"
            : $"Result for {target.Tag}: not tested: {notTested}";
        sink.Info(EventKind.Target, text, detail);
        return detail;
    }

    /// <summary>A target that never greeted: its most telling failure, else why it could not be connected to.</summary>
    private CheckResult TargetFailure(EventTarget target, AttemptTally tally)
    {
        if (tally.BestFailover is { } failover)
        {
            return failover;
        }

        var why = tally.TimedOut > 0
            ? $"the connection timed out after {SmtpConnection.Seconds(_options.ConnectTimeout)}"
            : tally.LastError ?? "the connection failed";
        return TargetResult(target, CheckOutcome.Unreachable, EventKind.Connect, $"Unreachable: could not connect to {target.Label}:{target.Port}: {why}");
    }

    private static CheckResult TargetResult(EventTarget target, CheckOutcome outcome, EventKind step, string summary) => new()
    {
        Outcome = outcome,
        Summary = summary,
        Step = step,
        Host = target.Host,
        Address = target.Address,
    };

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
