using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>Builds the closing event for checks that MailCheck itself had to end (shutdown, crash, restart).</summary>
public static class OutcomeEvents
{
    public static CheckEvent Create(int seq, DateTimeOffset at, TimeSpan elapsed, CheckOutcome outcome, string summary) => new()
    {
        Seq = seq,
        At = at,
        Elapsed = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed,
        Direction = EventDirection.Info,
        Kind = EventKind.Outcome,
        Text = summary,
        Detail = new OutcomeDetail(new CheckResult { Outcome = outcome, Summary = summary }),
    };

    /// <summary>The result carried by an outcome event, if it is one.</summary>
    public static CheckResult? ResultOf(CheckEvent checkEvent) =>
        checkEvent is { Kind: EventKind.Outcome, Detail: OutcomeDetail detail } ? detail.Result : null;

    /// <summary>The last connection that succeeded: where the conversation (so far) took place.</summary>
    public static ConnectionDetail? LastConnected(IEnumerable<CheckEvent> events) =>
        events.Select(e => e.Detail).OfType<ConnectionDetail>().LastOrDefault(c => c.Connected);
}
