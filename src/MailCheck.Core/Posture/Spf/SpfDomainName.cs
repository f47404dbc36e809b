using System.Globalization;

namespace MailCheck.Core.Posture.Spf;

/// <summary>Domain names as check_host() takes them (RFC 7208 §4.3).</summary>
internal static class SpfDomainName
{
    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// The name to query: trimmed, without its trailing dot, international labels as A-labels (RFC 7208 §4.3); null
    /// when it cannot be written in ASCII.
    /// </summary>
    public static string? ToAscii(string domain)
    {
        var name = domain.Trim();
        if (name.Length > 1 && name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.All(char.IsAscii))
        {
            return name;
        }

        try
        {
            return Idn.GetAscii(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// True for a name check_host() can look up: at most 253 characters, two labels or more, each 1 to 63 characters
    /// (RFC 7208 §4.3: otherwise the result is "none"; a target name that breaks this is treated as not existing).
    /// </summary>
    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > SpfMacroExpander.MaxDomainLength || name.StartsWith('[') || !name.All(char.IsAscii))
        {
            return false;
        }

        var labels = name.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is >= 1 and <= 63);
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="domain"/> or a name below it (case-insensitive).</summary>
    public static bool IsAtOrBelow(string name, string domain)
    {
        name = name.TrimEnd('.');
        domain = domain.TrimEnd('.');
        return name.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }
}
