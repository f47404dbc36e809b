using MailCheck.Core.Checks;

namespace MailCheck.Core.Scorecard;

/// <summary>
/// The data of a posture event (<c>spf</c>, <c>dmarc</c>, <c>dkim</c> ...): the scorecard items the step produced,
/// so a live page fills its scorecard as each step completes, plus whatever the step's own type adds.
/// </summary>
public abstract record PostureDetail : CheckEventDetail
{
    public IReadOnlyList<ScorecardItem> Items { get; init; } = [];
}
