using MailCheck.Core.Documents;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Comparison;

/// <summary>The posture part of a comparison: the scorecard items whose status changed between the two checks.</summary>
public static partial class CheckComparer
{
    /// <summary>
    /// Compares the two scorecards item by item (matched by <see cref="ScorecardItem.Key"/>: the aspect and, where several
    /// items share it, their host, address or selector). An item whose status changed is a change, with each side's
    /// verdict and title ("pass — SPF: one valid record" → "fail — SPF: two records"); so is an item only one check
    /// judged. A check without a scorecard (made without posture, or before posture existed) leaves the area out, with a
    /// note; an incomplete scorecard (the check ended before its posture was judged) is compared only on the items both
    /// judged, with a note, so an unfinished check does not read as items "no longer judged".
    /// </summary>
    private static void CompareScorecards(CheckSnapshot before, CheckSnapshot after, List<ComparisonChange> changes, HashSet<ComparisonArea> compared, List<string> notes)
    {
        var a = ScorecardSnapshot.From(before.Events);
        var b = ScorecardSnapshot.From(after.Events);
        if (a is null || b is null)
        {
            if (a is not null || b is not null)
            {
                var without = a is null ? before : after;
                notes.Add($"Check {without.Id} has no scorecard (it was made without posture or before MailCheck judged it): the scorecards are not compared.");
            }

            return;
        }

        compared.Add(ComparisonArea.Scorecard);
        var onlyCommon = false;
        foreach (var (check, card) in new[] { (before, a), (after, b) }.Where(x => !x.Item2.Complete))
        {
            onlyCommon = true;
            notes.Add($"The scorecard of check {check.Id} is incomplete (the check ended or was stopped before every posture step finished): only the items both checks judged are compared.");
        }

        var was = ByKey(a.Items);
        var now = ByKey(b.Items);
        foreach (var (key, item) in was)
        {
            if (now.TryGetValue(key, out var later))
            {
                if (later.Status != item.Status)
                {
                    changes.Add(new ComparisonChange(
                        ComparisonArea.Scorecard, ItemName(item), Verdict(item), Verdict(later),
                        $"{ItemName(item)}: {Status(item.Status)} → {Status(later.Status)} ({later.Title})"));
                }
            }
            else if (!onlyCommon)
            {
                changes.Add(new ComparisonChange(
                    ComparisonArea.Scorecard, ItemName(item), Verdict(item), null,
                    $"{ItemName(item)}: {Status(item.Status)} → not judged ({item.Title})"));
            }
        }

        if (onlyCommon)
        {
            return;
        }

        foreach (var (_, item) in now.Where(x => !was.ContainsKey(x.Key)))
        {
            changes.Add(new ComparisonChange(
                ComparisonArea.Scorecard, ItemName(item), null, Verdict(item),
                $"{ItemName(item)}: not judged → {Status(item.Status)} ({item.Title})"));
        }
    }

    /// <summary>
    /// What an item is about, in words: "SPF", "DMARC", "Reverse DNS (mx1.example.com [192.0.2.1])", "DKIM", "Blocklists
    /// (192.0.2.1)".
    /// </summary>
    public static string ItemName(ScorecardItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var name = item.Id switch
        {
            ScorecardIds.Spf => "SPF",
            ScorecardIds.Dmarc => "DMARC",
            ScorecardIds.Dkim => "DKIM",
            ScorecardIds.TlsRpt => "TLS-RPT",
            ScorecardIds.Bimi => "BIMI",
            ScorecardIds.Ptr => "Reverse DNS",
            ScorecardIds.Blocklist => "Blocklists",
            ScorecardIds.Egress => "How receivers see MailCheck",
            _ => item.Id,
        };
        return item.Target is null ? name : $"{name} ({item.Target})";
    }

    private static Dictionary<string, ScorecardItem> ByKey(IReadOnlyList<ScorecardItem> items) =>
        items.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static string Verdict(ScorecardItem item) => $"{Status(item.Status)} — {item.Title}";

    private static string Status(ScoreStatus status) => ScorecardText.Label(status).ToLowerInvariant();
}
