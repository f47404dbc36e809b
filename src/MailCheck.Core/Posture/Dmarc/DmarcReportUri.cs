using System.Text.RegularExpressions;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// One entry of a <c>rua</c>/<c>ruf</c> list (RFC 9989 §4.6, §4.8 <c>dmarc-uri</c>): a URI, perhaps with the obsolete
/// <c>!size</c> suffix. TLS-RPT's <c>rua</c> (RFC 8460 §3) uses the same reading, without the suffix.
/// </summary>
public sealed partial record DmarcReportUri
{
    /// <summary>The entry as written.</summary>
    public required string Text { get; init; }

    /// <summary>The URI without the size suffix.</summary>
    public required string Uri { get; init; }

    /// <summary>The scheme in lower case (<c>mailto</c>, <c>https</c> ...), or null when there is none.</summary>
    public string? Scheme { get; init; }

    /// <summary>The host reports go to: the domain of a mailto address, the host of an https URI (ASCII, lower case).</summary>
    public string? Host { get; init; }

    /// <summary>The mailbox of a mailto URI.</summary>
    public string? Address { get; init; }

    /// <summary>The obsolete <c>!size</c> suffix (e.g. <c>10m</c>), when written.</summary>
    public string? SizeLimit { get; init; }

    /// <summary>Why this is not a usable URI, or null when it is.</summary>
    public string? Problem { get; init; }

    public bool IsValid => Problem is null;

    /// <summary>Reads one list entry; never throws.</summary>
    /// <param name="text">The entry.</param>
    /// <param name="allowSizeSuffix">True for DMARC (RFC 9989 §4.8 <c>obs-dmarc-report-size</c>); false for TLS-RPT.</param>
    public static DmarcReportUri Parse(string text, bool allowSizeSuffix = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entry = text.Trim(' ', '\t');
        var uri = entry;
        string? size = null;
        var bang = allowSizeSuffix ? entry.LastIndexOf('!') : -1;
        if (bang >= 0)
        {
            var suffix = entry[(bang + 1)..];
            if (!SizeSuffix().IsMatch(suffix))
            {
                return new DmarcReportUri { Text = entry, Uri = entry, Problem = "\"!\" must be percent-encoded inside a URI (RFC 9989 §4.8)" };
            }

            size = suffix;
            uri = entry[..bang];
        }

        var scheme = SchemePrefix().Match(uri);
        if (!scheme.Success)
        {
            return new DmarcReportUri { Text = entry, Uri = uri, SizeLimit = size, Problem = "it is not a URI: it has no scheme such as mailto:" };
        }

        var name = scheme.Groups[1].Value.ToLowerInvariant();
        var rest = uri[scheme.Length..];
        return name switch
        {
            "mailto" => ParseMailto(entry, uri, rest, size),
            "https" or "http" => ParseWeb(entry, uri, name, size),
            _ => new DmarcReportUri { Text = entry, Uri = uri, Scheme = name, SizeLimit = size },
        };
    }

    private static DmarcReportUri ParseMailto(string entry, string uri, string rest, string? size)
    {
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var encoded = question >= 0 ? rest[..question] : rest;
        string address;
        try
        {
            address = System.Uri.UnescapeDataString(encoded);
        }
        catch (UriFormatException)
        {
            address = encoded;
        }

        var at = address.LastIndexOf('@');
        var host = at > 0 ? DnsNames.Normalize(address[(at + 1)..]) : "";
        var problem = at <= 0 || host.Length == 0
            ? $"mailto:{encoded} is not an email address"
            : !DnsNames.IsValid(host) ? $"{host} is not a valid domain name" : null;
        return new DmarcReportUri
        {
            Text = entry,
            Uri = uri,
            Scheme = "mailto",
            Address = at > 0 ? address : null,
            Host = problem is null ? host : null,
            SizeLimit = size,
            Problem = problem,
        };
    }

    private static DmarcReportUri ParseWeb(string entry, string uri, string scheme, string? size)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            return new DmarcReportUri { Text = entry, Uri = uri, Scheme = scheme, SizeLimit = size, Problem = $"{uri} is not a valid {scheme} URI" };
        }

        var host = DnsNames.Normalize(parsed.IdnHost);
        return new DmarcReportUri
        {
            Text = entry,
            Uri = uri,
            Scheme = scheme,
            Host = host,
            SizeLimit = size,
            Problem = parsed.HostNameType == UriHostNameType.Dns && DnsNames.IsValid(host) ? null : $"{parsed.Host} is not a domain name",
        };
    }

    [GeneratedRegex("^[0-9]+[kmgtKMGT]?$")]
    private static partial Regex SizeSuffix();

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex SchemePrefix();
}
