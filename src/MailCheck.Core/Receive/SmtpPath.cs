using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>
/// The argument of MAIL FROM and RCPT TO (RFC 5321 §4.1.2): <c>FROM:&lt;path&gt; parameters</c>. A source route
/// (<c>&lt;@a,@b:user@domain&gt;</c>) is accepted and ignored (§4.1.1.3, Appendix C). Spaces after the colon are
/// tolerated, as most servers do.
/// </summary>
/// <param name="Address">The mailbox without brackets or route; empty for the null path &lt;&gt;.</param>
/// <param name="LocalPart">The part before the last "@".</param>
/// <param name="Domain">The part after the last "@", in ASCII and lower case (an address literal as written).</param>
/// <param name="Parameters">The ESMTP parameters after the path, as sent.</param>
internal sealed record SmtpPath(string Address, string LocalPart, string Domain, string Parameters)
{
    public bool IsNull => Address.Length == 0;

    /// <summary>True when the address has non-ASCII characters (it needs SMTPUTF8, RFC 6531 §3.2).</summary>
    public bool IsInternational => Address.Any(c => c > 127);

    /// <summary>Parses "FROM:&lt;...&gt; params" (or "TO:"); on failure says why, as an SMTP reply text.</summary>
    public static bool TryParse(string argument, string keyword, out SmtpPath path, out string error)
    {
        path = new SmtpPath("", "", "", "");
        var prefix = keyword + ":";
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            error = $"Syntax: {(keyword == "FROM" ? "MAIL FROM:<address>" : "RCPT TO:<address>")} (RFC 5321 §4.1.1)";
            return false;
        }

        var rest = argument[prefix.Length..].TrimStart(' ');
        if (!rest.StartsWith('<'))
        {
            error = "Syntax: the address must be in angle brackets, e.g. <name@example.com> (RFC 5321 §4.1.2)";
            return false;
        }

        var close = ClosingBracket(rest);
        if (close < 0)
        {
            error = "Syntax: the address has no closing '>' (RFC 5321 §4.1.2)";
            return false;
        }

        var inner = rest[1..close];
        var parameters = rest[(close + 1)..].Trim(' ');
        if (close + 1 < rest.Length && rest[close + 1] != ' ')
        {
            error = "Syntax: a space must separate the address from its parameters (RFC 5321 §4.1.2)";
            return false;
        }

        if (inner.StartsWith('@'))
        {
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                error = "Syntax: a source route must end with ':' before the mailbox (RFC 5321 §4.1.2)";
                return false;
            }

            inner = inner[(colon + 1)..];
        }

        if (inner.Length == 0)
        {
            path = new SmtpPath("", "", "", parameters);
            error = "";
            return true;
        }

        var at = inner.LastIndexOf('@');
        if (at <= 0 || at == inner.Length - 1)
        {
            error = $"<{inner}>: the address needs a local part and a domain, e.g. <name@example.com> (RFC 5321 §4.1.2)";
            return false;
        }

        var local = inner[..at];
        var domain = inner[(at + 1)..];
        if (local.Length > 0 && local[0] != '"' && (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal) || local.Any(c => c is ' ' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']')))
        {
            error = $"<{inner}>: the local part is not a valid dot-atom or quoted string (RFC 5321 §4.1.2)";
            return false;
        }

        string ascii;
        if (DomainName.IsAddressLiteral(domain))
        {
            if (DomainName.ParseAddressLiteral(domain) is null)
            {
                error = $"<{inner}>: {domain} is not a valid address literal (RFC 5321 §4.1.3)";
                return false;
            }

            ascii = domain;
        }
        else if (!DomainName.TryNormalize(domain, out var normalized, out var why))
        {
            error = $"<{inner}>: the domain {why.TrimEnd('.')} (RFC 5321 §4.1.2)";
            return false;
        }
        else
        {
            try
            {
                ascii = DomainName.ToAscii(normalized);
            }
            catch (ArgumentException)
            {
                error = $"<{inner}>: the domain is not a valid international domain name (RFC 5890)";
                return false;
            }
        }

        path = new SmtpPath(inner, local, ascii, parameters);
        error = "";
        return true;
    }

    /// <summary>The '&gt;' that closes the path, skipping one inside a quoted local part.</summary>
    private static int ClosingBracket(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '>' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }
}
