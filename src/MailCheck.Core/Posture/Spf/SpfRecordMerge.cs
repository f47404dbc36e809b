namespace MailCheck.Core.Posture.Spf;

/// <summary>One record made of several, for the "merge them" fix of RFC 7208 §4.5.</summary>
internal static class SpfRecordMerge
{
    /// <summary>
    /// Every term of every record once, in order, then exp=, then the first record's all (or redirect= when none has
    /// all; ~all when neither does), e.g. "v=spf1 mx include:_spf.example.net ~all".
    /// </summary>
    public static string Suggest(IReadOnlyList<string> records)
    {
        var terms = new List<string>();
        string? all = null;
        string? redirect = null;
        string? exp = null;
        foreach (var record in records)
        {
            foreach (var term in record[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = term.TrimStart('+', '-', '~', '?');
                if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    all ??= term;
                }
                else if (term.StartsWith("redirect=", StringComparison.OrdinalIgnoreCase))
                {
                    redirect ??= term;
                }
                else if (term.StartsWith("exp=", StringComparison.OrdinalIgnoreCase))
                {
                    exp ??= term;
                }
                else if (!terms.Contains(term, StringComparer.OrdinalIgnoreCase))
                {
                    terms.Add(term);
                }
            }
        }

        if (exp is not null)
        {
            terms.Add(exp);
        }

        terms.Add(all ?? redirect ?? "~all");
        return "v=spf1 " + string.Join(' ', terms);
    }
}
