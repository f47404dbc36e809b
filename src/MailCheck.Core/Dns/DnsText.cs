using System.Globalization;
using System.Text;

namespace MailCheck.Core.Dns;

/// <summary>Readable forms of records and names.</summary>
public static class DnsText
{
    /// <summary>A record as the transcript shows it, e.g. <c>MX 10 mx1.example.com</c> or <c>TXT "v=spf1 -all"</c>.</summary>
    public static string RecordData(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Type == DnsRecordType.CNAME
            ? $"{record.Name} CNAME {record.Target}"
            : $"{record.Type} {record.Data}";
    }

    /// <summary>TXT character-strings in zone-file form: each quoted, quotes and backslashes escaped.</summary>
    public static string QuoteStrings(IEnumerable<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var sb = new StringBuilder();
        foreach (var s in strings)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append('"');
            foreach (var c in s)
            {
                if (c is '"' or '\\')
                {
                    sb.Append('\\').Append(c);
                }
                else if (c < 0x20 || c == 0x7f)
                {
                    sb.Append('\\').Append(((int)c).ToString("000", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }

            sb.Append('"');
        }

        return sb.ToString();
    }

    /// <summary>A name without its trailing dot ("." stays ".").</summary>
    public static string TrimDot(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 1 && name.EndsWith('.') ? name[..^1] : name;
    }
}
