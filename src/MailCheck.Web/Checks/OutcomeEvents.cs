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

    /// <summary>The result carried by an outcome event, if it is one (Core's <see cref="CheckEvents.ResultOf"/>).</summary>
    public static CheckResult? ResultOf(CheckEvent checkEvent) => CheckEvents.ResultOf(checkEvent);

    /// <summary>The last connection that succeeded (Core's <see cref="CheckEvents.LastConnected"/>: one rule for page, API and CLI).</summary>
    public static ConnectionDetail? LastConnected(IEnumerable<CheckEvent> events) => CheckEvents.LastConnected(events);
}
