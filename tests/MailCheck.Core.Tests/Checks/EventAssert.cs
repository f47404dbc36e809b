using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

internal static class EventAssert
{
    /// <summary>Checks the stream's invariants and returns its result.</summary>
    public static CheckResult Outcome(IReadOnlyList<CheckEvent> events)
    {
        Assert.NotEmpty(events);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Seq));
        Assert.Single(events, e => e.Kind == EventKind.Outcome);
        var last = events[^1];
        Assert.Equal(EventKind.Outcome, last.Kind);
        var detail = Assert.IsType<OutcomeDetail>(last.Detail);
        Assert.Equal(detail.Result.Summary, last.Text);
        return detail.Result;
    }

    public static CheckResult Outcome(IReadOnlyList<CheckEvent> events, CheckOutcome expected)
    {
        var result = Outcome(events);
        Assert.True(expected == result.Outcome, $"expected {expected}, got {result.Outcome}: {result.Summary}\n{Dump(events)}");
        return result;
    }

    public static string Dump(IEnumerable<CheckEvent> events) =>
        string.Join("\n", events.Select(e => $"{e.Seq} {e.Direction} {e.Kind} {e.Text}"));

    public static IEnumerable<string> ClientLines(IEnumerable<CheckEvent> events) =>
        events.Where(e => e.Direction == EventDirection.Client).Select(e => e.Text);
}
