using System.Globalization;
using System.Text;
using MimeKit;

namespace MailCheck.Core.Checks;

/// <summary>
/// Checks one envelope address: a bare addr-spec (<c>user@example.com</c>) as RFC 5321 / RFC 6531 allow it,
/// parsed with MimeKit in strict mode. Display names, angle brackets, comments and routes are refused.
/// </summary>
public static class EmailAddress
{
    /// <summary>Longest local part (before the @) in UTF-8 bytes, RFC 5321 §4.5.3.1.1.</summary>
    public const int MaxLocalPartBytes = 64;

    private static readonly ParserOptions StrictOptions = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        MaxAddressGroupDepth = 0,
    };

    /// <summary>
    /// Checks <paramref name="input"/> and normalises it: trimmed, the domain normalised as by
    /// <see cref="DomainName.TryNormalize"/>, the local part kept exactly as typed.
    /// Control characters and the overall length are checked by the caller (<see cref="CheckRequestValidator"/>).
    /// </summary>
    /// <param name="input">What the person typed.</param>
    /// <param name="normalized">The normalised address, when valid.</param>
    /// <param name="domain">The normalised domain of the address, when valid.</param>
    /// <param name="error">Why it is not valid (a sentence fragment following "The address ..."), when it is not.</param>
    public static bool TryNormalize(string? input, out string normalized, out string domain, out string error)
    {
        normalized = "";
        domain = "";
        var value = (input ?? "").Trim();
        if (value.Length == 0)
        {
            error = "is empty.";
            return false;
        }

        var invisible = IndexOfFormatCharacter(value);
        if (invisible >= 0)
        {
            error = $"contains an invisible formatting character (U+{(int)value[invisible]:X4}) at position {invisible + 1}, "
                + "often carried along by copy and paste (a zero-width space, a byte-order mark, a text-direction mark); type the address again.";
            return false;
        }

        if (value.Contains('<', StringComparison.Ordinal) || value.Contains('>', StringComparison.Ordinal))
        {
            error = "has angle brackets or a display name; give the bare address only, e.g. name@example.com.";
            return false;
        }

        if (!MailboxAddress.TryParse(StrictOptions, value, out var mailbox))
        {
            error = "is not a valid email address; write it as name@example.com.";
            return false;
        }

        if (!string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0)
        {
            error = "has a display name or a route; give the bare address only, e.g. name@example.com.";
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            error = "needs a part before and after the @, e.g. name@example.com.";
            return false;
        }

        var localPart = value[..at];
        if (!IsDotAtom(localPart) && !IsQuotedString(localPart))
        {
            error = "has an invalid part before the @: use letters, digits and !#$%&'*+-/=?^_`{|}~ separated by single dots, "
                + "or a quoted string; no spaces, comments or display names.";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(localPart) > MaxLocalPartBytes)
        {
            error = $"has a part before the @ longer than {MaxLocalPartBytes} bytes.";
            return false;
        }

        if (!DomainName.TryNormalize(value[(at + 1)..], out domain, out var domainError))
        {
            error = "has a domain that " + domainError;
            return false;
        }

        normalized = localPart + "@" + domain;
        error = "";
        return true;
    }

    /// <summary>
    /// The first Unicode format character (category Cf: U+200B zero-width space, U+FEFF byte-order mark, U+202E
    /// right-to-left override ...), or -1. Invisible, so an address holding one reads as another in the transcript.
    /// </summary>
    private static int IndexOfFormatCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(value[i]) == UnicodeCategory.Format)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>RFC 5322 dot-atom with RFC 6531's UTF-8 extension: atext runs separated by single dots.</summary>
    private static bool IsDotAtom(string value)
    {
        if (value.Length == 0 || value[0] == '.' || value[^1] == '.' || value.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c == '.' || IsAText(c)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 5321 Quoted-string: DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE, UTF-8 allowed (RFC 6531).</summary>
    private static bool IsQuotedString(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return false;
        }

        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                i++;
                if (i >= value.Length - 1 || value[i] < 32 || value[i] > 126)
                {
                    return false;
                }
            }
            else if (c == '"' || (c < 32 && c != ' ') || c == 127)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAText(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal) || (c > 127 && !char.IsControl(c) && !char.IsWhiteSpace(c));
}
