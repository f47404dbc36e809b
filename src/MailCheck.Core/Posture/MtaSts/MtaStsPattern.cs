namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// An <c>mx</c> pattern of an MTA-STS policy (RFC 8461 §3.2, §4.1): a host name, or <c>*.</c> and a domain, where the
/// wildcard stands for exactly one whole left-most label — <c>*.example.com</c> matches <c>mx.example.com</c>, not
/// <c>example.com</c> and not <c>a.b.example.com</c>. Matching ignores case and a trailing dot, and is never a suffix or
/// substring match (checkdmarc's unanchored matcher would let <c>example.com</c> match <c>evil-example.com</c>).
/// </summary>
public static class MtaStsPattern
{
    /// <summary>True when <paramref name="host"/> (an MX host name) matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string host)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(host);
        if (Problem(pattern) is not null)
        {
            return false;
        }

        var p = Normalize(pattern);
        var h = Normalize(host);
        if (h.Length == 0)
        {
            return false;
        }

        if (!p.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(p, h, StringComparison.Ordinal);
        }

        var suffix = p[1..]; // ".example.com"
        if (h.Length <= suffix.Length || !h.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var label = h[..^suffix.Length];
        return label.Length > 0 && !label.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The first pattern of <paramref name="patterns"/> that <paramref name="host"/> matches, or null.</summary>
    public static string? FirstMatch(IEnumerable<string> patterns, string host)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return patterns.FirstOrDefault(p => Matches(p, host));
    }

    /// <summary>Why <paramref name="pattern"/> can never match a host, in plain words; null when it is well-formed.</summary>
    public static string? Problem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = Normalize(pattern);
        if (p.Length == 0)
        {
            return "it is empty";
        }

        var domain = p.StartsWith("*.", StringComparison.Ordinal) ? p[2..] : p;
        if (domain.Contains('*', StringComparison.Ordinal))
        {
            return "a wildcard may only be the whole left-most label, as in *.example.com";
        }

        if (domain.Any(c => c > 0x7F))
        {
            return "it is not ASCII: write an internationalised name as its A-label (xn--…)";
        }

        if (domain.Length > 253)
        {
            return "it is longer than a host name can be (253 characters)";
        }

        foreach (var label in domain.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return $"\"{label}\" is not a host name label (letters, digits and inner hyphens, 1 to 63 of them)";
            }
        }

        return null;
    }

    /// <summary>Lower case, without surrounding whitespace and one trailing dot.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToLowerInvariant();
        return n.EndsWith('.') ? n[..^1] : n;
    }
}
