using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Receive;

/// <summary>Reading a receive check's events in tests.</summary>
internal static class ReceiveEvents
{
    public static ScorecardItem Item(this IReadOnlyList<CheckEvent> events, string id, string? target = null) =>
        events.Select(e => e.Detail).OfType<ScorecardDetail>().Single().Items.Single(i => i.Id == id && (target is null || i.Target == target));

    public static T Detail<T>(this IReadOnlyList<CheckEvent> events)
        where T : CheckEventDetail => events.Select(e => e.Detail).OfType<T>().Single();

    public static CheckResult Result(this IReadOnlyList<CheckEvent> events) => CheckEvents.Result(events)!;

    public static string Transcript(this IReadOnlyList<CheckEvent> events) => TranscriptFormatter.Format(events);
}
