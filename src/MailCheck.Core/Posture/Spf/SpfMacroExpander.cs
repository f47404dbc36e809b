using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.Core.Posture.Spf;

/// <summary>Expands macro-strings (RFC 7208 §7.3).</summary>
public static class SpfMacroExpander
{
    /// <summary>The longest domain name in text form, without the trailing dot (RFC 7208 §7.3).</summary>
    public const int MaxDomainLength = 253;

    /// <summary>Expands every piece of <paramref name="macro"/> and joins them.</summary>
    public static async Task<string> ExpandAsync(SpfMacroString macro, SpfMacroContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(macro);
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder();
        foreach (var token in macro.Tokens)
        {
            if (!token.IsMacro)
            {
                sb.Append(token.Literal);
                continue;
            }

            var value = token.Letter == 'p'
                ? context.ValidatedName is null ? "unknown" : await context.ValidatedName(context.Domain, cancellationToken).ConfigureAwait(false)
                : Value(token.Letter, context);
            var transformed = Transform(value, token);
            sb.Append(token.Escape ? UrlEscape(transformed) : transformed);
        }

        return sb.ToString();
    }

    /// <summary>
    /// An expanded domain-spec made ready to query: without its trailing dot, and, when longer than 253 characters,
    /// with labels removed from the left until it fits (RFC 7208 §7.3).
    /// </summary>
    public static string ToTargetName(string expanded)
    {
        ArgumentNullException.ThrowIfNull(expanded);
        var name = expanded.Length > 1 && expanded.EndsWith('.') ? expanded[..^1] : expanded;
        while (name.Length > MaxDomainLength)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return name;
            }

            name = name[(dot + 1)..];
        }

        return name;
    }

    /// <summary>
    /// The <c>i</c> form of an address: dotted quad for IPv4; for IPv6, its 32 nibbles in lower-case hex separated by
    /// dots, as reverse DNS writes them but in forward order (RFC 7208 §7.3).
    /// </summary>
    public static string DottedAddress(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            return ip.ToString();
        }

        var sb = new StringBuilder(63);
        foreach (var b in ip.GetAddressBytes())
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            sb.Append((b >> 4).ToString("x", CultureInfo.InvariantCulture)).Append('.').Append((b & 0x0f).ToString("x", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Percent-encodes every byte outside RFC 3986's unreserved set (ALPHA DIGIT - . _ ~), as upper-case macro letters
    /// require (RFC 7208 §7.3).
    /// </summary>
    public static string UrlEscape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Value(char letter, SpfMacroContext context)
    {
        var ip = context.Ip.IsIPv4MappedToIPv6 ? context.Ip.MapToIPv4() : context.Ip;
        return letter switch
        {
            's' => context.Sender,
            'l' => context.LocalPart,
            'o' => context.SenderDomain,
            'd' => context.Domain,
            'i' => DottedAddress(ip),
            'v' => ip.AddressFamily == AddressFamily.InterNetwork ? "in-addr" : "ip6",
            'h' => context.Helo,
            'c' => ip.ToString(),
            'r' => context.Receiver,
            't' => context.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(letter), letter, "Not a macro letter."),
        };
    }

    /// <summary>Splits on the delimiters, reverses, keeps the right-hand parts, joins with "." (RFC 7208 §7.3).</summary>
    private static string Transform(string value, SpfMacroToken token)
    {
        if (token.Keep == 0 && !token.Reverse && token.Delimiters == ".")
        {
            return value;
        }

        var parts = value.Split(token.Delimiters.ToCharArray());
        if (token.Reverse)
        {
            Array.Reverse(parts);
        }

        var keep = token.Keep == 0 ? parts.Length : Math.Min(token.Keep, parts.Length);
        return string.Join('.', parts, parts.Length - keep, keep);
    }
}
