namespace MailCheck.Core.Scorecard;

/// <summary>How many items of a scorecard have each status: the compact score shown in history.</summary>
public sealed record ScoreSummary(int Pass, int Warn, int Fail, int Info, int NotTested)
{
    public static ScoreSummary Of(IEnumerable<ScorecardItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int pass = 0, warn = 0, fail = 0, info = 0, notTested = 0;
        foreach (var item in items)
        {
            switch (item.Status)
            {
                case ScoreStatus.Pass: pass++; break;
                case ScoreStatus.Warn: warn++; break;
                case ScoreStatus.Fail: fail++; break;
                case ScoreStatus.NotTested: notTested++; break;
                default: info++; break;
            }
        }

        return new ScoreSummary(pass, warn, fail, info, notTested);
    }

    /// <summary>E.g. "5 pass · 2 warn · 1 fail" (zero counts left out; "no items" when empty).</summary>
    public override string ToString()
    {
        var parts = new List<string>(5);
        if (Pass > 0) parts.Add($"{Pass} pass");
        if (Warn > 0) parts.Add($"{Warn} warn");
        if (Fail > 0) parts.Add($"{Fail} fail");
        if (NotTested > 0) parts.Add($"{NotTested} not tested");
        if (Info > 0) parts.Add($"{Info} info");
        return parts.Count == 0 ? "no items" : string.Join(" · ", parts);
    }
}
