using MailCheck.Core.Checks;

namespace MailCheck.Core.Scorecard;

/// <summary>
/// A check's scorecard as far as its events go: the final <c>scorecard</c> event's items once it came, else the items the
/// posture steps reported so far (a live view fills in as each step completes). The page, the API and the CLI read it so.
/// </summary>
/// <param name="Items">The items, by area.</param>
/// <param name="Summary">Counts per status.</param>
/// <param name="Complete">True once the scorecard event came.</param>
public sealed record ScorecardSnapshot(IReadOnlyList<ScorecardItem> Items, ScoreSummary Summary, bool Complete)
{
    /// <summary>The scorecard of <paramref name="events"/>; null when they hold no posture step at all.</summary>
    public static ScorecardSnapshot? From(IEnumerable<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ScorecardBuilder? partial = null;
        foreach (var e in events)
        {
            switch (e.Detail)
            {
                case ScorecardDetail final:
                    return new ScorecardSnapshot(final.Items, final.Summary, Complete: true);
                case PostureDetail posture:
                    partial ??= new ScorecardBuilder();
                    foreach (var item in posture.Items)
                    {
                        partial.Set(item);
                    }

                    break;
            }
        }

        if (partial is null)
        {
            return null;
        }

        var items = partial.Items;
        return new ScorecardSnapshot(items, ScoreSummary.Of(items), Complete: false);
    }
}
