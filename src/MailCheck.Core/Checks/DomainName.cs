using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MailCheck.Core.Checks;

/// <summary>
/// Domain names and address literals as a request may carry them: host names (IDN accepted),
/// <c>[192.0.2.1]</c> and <c>[IPv6:2001:db8::1]</c> (RFC 5321 §4.1.3).
/// </summary>
public static class DomainName
{
    /// <summary>Longest domain name in its ASCII (punycode) form, without the trailing dot.</summary>
    public const int MaxLength = 253;

    /// <summary>Longest label in its ASCII (punycode) form.</summary>
    public const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>True when <paramref name="domain"/> is an address literal such as <c>[192.0.2.1]</c>.</summary>
    public static bool IsAddressLiteral(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.StartsWith('[') && domain.EndsWith(']');
    }

    /// <summary>
    /// The ASCII form to query DNS with or to send before SMTPUTF8: punycode for IDN labels.
    /// Address literals are returned unchanged. The input should be one that <see cref="TryNormalize"/> accepted.
    /// </summary>
    public static string ToAscii(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return IsAddressLiteral(domain) ? domain : Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
    }

    /// <summary>The IP address of an address literal (<c>[192.0.2.1]</c>, <c>[IPv6:2001:db8::1]</c>), or null.</summary>
    public static IPAddress? ParseAddressLiteral(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!IsAddressLiteral(domain))
        {
            return null;
        }

        var inner = domain[1..^1];
        if (inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            var v6 = inner[5..];
            return v6.Contains(':', StringComparison.Ordinal) && !v6.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(v6, out var ip6) && ip6.AddressFamily == AddressFamily.InterNetworkV6
                ? ip6
                : null;
        }

        return IsDottedQuad(inner) && IPAddress.TryParse(inner, out var ip4) ? ip4 : null;
    }

    /// <summary>
    /// Checks a domain name or address literal and normalises it: trimmed, lower case, no trailing dot,
    /// IDN labels in their canonical Unicode form (they are sent as punycode via <see cref="ToAscii"/>),
    /// address literals as <c>[192.0.2.1]</c> or <c>[IPv6:2001:db8::1]</c>.
    /// </summary>
    /// <param name="input">What the person typed.</param>
    /// <param name="normalized">The normalised domain, when valid.</param>
    /// <param name="error">Why it is not valid, in plain words, when it is not.</param>
    public static bool TryNormalize(string? input, out string normalized, out string error)
    {
        normalized = "";
        var value = (input ?? "").Trim();
        if (value.Length == 0)
        {
            error = "is empty.";
            return false;
        }

        if (value.StartsWith('['))
        {
            return TryNormalizeLiteral(value, out normalized, out error);
        }

        if (value.EndsWith('.'))
        {
            value = value[..^1];
        }

        if (value.Length == 0 || value.StartsWith('.') || value.EndsWith('.') || value.Contains("..", StringComparison.Ordinal))
        {
            error = "has an empty label (a dot at the start, two dots in a row, or more than one dot at the end).";
            return false;
        }

        if (IsDottedQuad(value))
        {
            error = $"looks like an IP address; write it as an address literal in brackets: [{value}].";
            return false;
        }

        if (value.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(value, out _))
        {
            error = $"looks like an IPv6 address; write it as an address literal in brackets: [IPv6:{value}].";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"is too long: {value.Length} characters, at most {MaxLength}.";
            return false;
        }

        if (value.Split('.').Any(label => label.Length > MaxLabelLength))
        {
            error = $"has a label longer than {MaxLabelLength} characters.";
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(value).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = "is not a valid domain name: use letters, digits and hyphens (international letters are fine), "
                + "labels separated by dots, no label starting or ending with a hyphen.";
            return false;
        }

        if (ascii.Length > MaxLength)
        {
            error = $"is too long: at most {MaxLength} characters (in its ASCII form).";
            return false;
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length > MaxLabelLength)
            {
                error = $"has a label longer than {MaxLabelLength} characters.";
                return false;
            }
        }

        var lastLabel = ascii[(ascii.LastIndexOf('.') + 1)..];
        if (lastLabel.All(char.IsAsciiDigit))
        {
            error = "is not a valid domain name: the last label cannot be all digits.";
            return false;
        }

        normalized = Idn.GetUnicode(ascii);
        error = "";
        return true;
    }

    private static bool TryNormalizeLiteral(string value, out string normalized, out string error)
    {
        normalized = "";
        if (!value.EndsWith(']'))
        {
            error = "is an address literal without its closing bracket; write e.g. [192.0.2.1] or [IPv6:2001:db8::1].";
            return false;
        }

        var address = ParseAddressLiteral(value);
        if (address is null)
        {
            error = "is not a valid address literal; write an IPv4 address as [192.0.2.1] and an IPv6 address as [IPv6:2001:db8::1].";
            return false;
        }

        normalized = address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[IPv6:{address}]"
            : $"[{address}]";
        error = "";
        return true;
    }

    /// <summary>Exactly four decimal numbers 0-255 separated by dots (IPAddress.TryParse also accepts "1" or "0x7f.1").</summary>
    private static bool IsDottedQuad(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 4
            && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
