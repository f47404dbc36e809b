using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// TXT records that are not SPF records but look like one: a failed attempt ("v=spf1include:…", a quoted or indented
/// record), another version ("v=spf10"), or Sender ID ("spf2.0/…"). Receivers ignore all of them (RFC 7208 §4.5).
/// </summary>
internal static class SpfNearMiss
{
    /// <summary>
    /// Findings for the TXT records that are not SPF. A failed attempt is a fail when the domain has no SPF record (it
    /// was meant to be it) and a warning beside a valid one (its terms are ignored).
    /// </summary>
    public static IEnumerable<SpfIssue> Explain(IReadOnlyList<string> others, bool recordFound)
    {
        foreach (var text in others)
        {
            var trimmed = text.TrimStart(' ', '"', '\'', '\t');
            var shown = text.Length > 80 ? text[..80] + "…" : text;
            if (trimmed.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase))
            {
                var rest = trimmed[6..];
                if (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
                {
                    yield return new SpfIssue(ScoreStatus.Info, "another SPF version",
                        $"\"{shown}\" names another version (v=spf1{new string([.. rest.TakeWhile(char.IsAsciiDigit)])}), not SPF version 1; receivers ignore it (RFC 7208 §4.5).");
                }
                else
                {
                    yield return new SpfIssue(recordFound ? ScoreStatus.Warn : ScoreStatus.Fail, "SPF record not recognised",
                        $"\"{shown}\" looks like SPF but receivers ignore it: a record must start with exactly \"v=spf1\" followed by a space or its end, with nothing before it (RFC 7208 §4.5).",
                        recordFound
                            ? "Move the terms it needs into the SPF record, then delete it."
                            : $"Rewrite it to start with \"v=spf1 \": {Repair(trimmed)}");
                }
            }
            else if (trimmed.StartsWith("spf2.0/", StringComparison.OrdinalIgnoreCase))
            {
                yield return new SpfIssue(ScoreStatus.Info, "Sender ID record",
                    $"\"{shown}\" is a Sender ID record (RFC 4406, now historic), which SPF does not read (RFC 7208 §4.5).");
            }
        }
    }

    /// <summary>A near miss rewritten to start with "v=spf1 " (e.g. "v=spf1include:x -all" → "v=spf1 include:x -all").</summary>
    private static string Repair(string text)
    {
        var rest = text[6..].TrimStart(' ', '\t').TrimEnd('"', '\'', ' ');
        return rest.Length == 0 ? "v=spf1 -all" : "v=spf1 " + rest;
    }
}
