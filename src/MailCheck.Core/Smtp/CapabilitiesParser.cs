using System.Globalization;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Smtp;

/// <summary>Parses the extension lines of an EHLO reply (RFC 5321 §4.1.1.1) into <see cref="CapabilitiesDetail"/>.</summary>
internal static class CapabilitiesParser
{
    public static CapabilitiesDetail Parse(SmtpReply ehloReply)
    {
        ArgumentNullException.ThrowIfNull(ehloReply);
        var extensions = new List<string>();
        long? size = null;
        bool pipelining = false, eightBit = false, startTls = false, enhanced = false, utf8 = false, chunking = false, dsn = false;
        var auth = new List<string>();

        foreach (var line in ehloReply.Lines.Skip(1))
        {
            var text = line.Length > 4 ? line[4..].Trim() : "";
            if (text.Length == 0)
            {
                continue;
            }

            extensions.Add(text);
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var keyword = parts[0].ToUpperInvariant();
            switch (keyword)
            {
                case "SIZE":
                    size = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : 0;
                    break;
                case "PIPELINING":
                    pipelining = true;
                    break;
                case "8BITMIME":
                    eightBit = true;
                    break;
                case "STARTTLS":
                    startTls = true;
                    break;
                case "ENHANCEDSTATUSCODES":
                    enhanced = true;
                    break;
                case "SMTPUTF8":
                    utf8 = true;
                    break;
                case "CHUNKING":
                    chunking = true;
                    break;
                case "DSN":
                    dsn = true;
                    break;
                case "AUTH":
                    AddMechanisms(auth, parts.Skip(1));
                    break;
                default:
                    // Old servers announce "AUTH=LOGIN PLAIN".
                    if (keyword.StartsWith("AUTH=", StringComparison.Ordinal))
                    {
                        AddMechanisms(auth, [parts[0][5..], .. parts.Skip(1)]);
                    }

                    break;
            }
        }

        return new CapabilitiesDetail
        {
            Extensions = extensions,
            Size = size,
            Pipelining = pipelining,
            EightBitMime = eightBit,
            StartTls = startTls,
            EnhancedStatusCodes = enhanced,
            SmtpUtf8 = utf8,
            Chunking = chunking,
            Dsn = dsn,
            AuthMechanisms = auth,
        };
    }

    private static void AddMechanisms(List<string> auth, IEnumerable<string> mechanisms)
    {
        foreach (var m in mechanisms)
        {
            var upper = m.ToUpperInvariant();
            if (upper.Length > 0 && !auth.Contains(upper))
            {
                auth.Add(upper);
            }
        }
    }
}
