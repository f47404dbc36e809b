using System.Text;

namespace MailCheck.Core.Scorecard;

/// <summary>The scorecard as plain text (the text transcript and the CLI), one item per line with its detail and fix below.</summary>
public static class ScorecardText
{
    /// <summary>"pass", "warn", "fail", "info", "not tested".</summary>
    public static string Label(ScoreStatus status) => status switch
    {
        ScoreStatus.Pass => "pass",
        ScoreStatus.Warn => "warn",
        ScoreStatus.Fail => "FAIL",
        ScoreStatus.NotTested => "not tested",
        _ => "info",
    };

    /// <summary>The area's heading: "Authentication", "Transport security", "Identity", "Reputation", "The message".</summary>
    public static string AreaName(ScoreArea area) => area switch
    {
        ScoreArea.Transport => "Transport security",
        ScoreArea.Message => "The message",
        _ => area.ToString(),
    };

    /// <summary>Every item, grouped by area, e.g. <c>  [warn] spf: SPF ends with ?all</c> then its detail and fix indented.</summary>
    public static string Format(IReadOnlyList<ScorecardItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var text = new StringBuilder();
        foreach (var area in items.GroupBy(i => i.Area).OrderBy(g => g.Key))
        {
            text.Append(AreaName(area.Key)).Append('\n');
            foreach (var item in area)
            {
                text.Append("  [").Append(Label(item.Status)).Append("] ").Append(item.Title).Append('\n');
                foreach (var finding in item.Findings.Count > 0 ? item.Findings : [new ScoreFinding(item.Status, item.Detail, item.Fix)])
                {
                    text.Append("      ").Append(Label(finding.Status)).Append(": ").Append(finding.Text).Append('\n');
                    if (finding.Fix is not null && finding.Status >= ScoreStatus.Warn)
                    {
                        text.Append("      fix: ").Append(finding.Fix).Append('\n');
                    }
                }
            }
        }

        return text.ToString();
    }
}
