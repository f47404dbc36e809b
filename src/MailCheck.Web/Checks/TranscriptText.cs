using System.Globalization;
using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>The plain-text transcript (download and <c>transcript.txt</c>), swaks style, one line per wire line.</summary>
public static class TranscriptText
{
    public static string Format(StoredCheck check, string url)
    {
        ArgumentNullException.ThrowIfNull(check);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"MailCheck: {check.Domain} ({check.Request.Mode.ToString().ToLowerInvariant()}, port {check.Request.Port}, TLS {check.Request.Tls.ToString().ToLowerInvariant()})\n");
        text.Append(c, $"Link:      {url}\n");
        text.Append(c, $"Started:   {check.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC\n");
        text.Append(c, $"Status:    {StatusText(check)}\n");
        if (check.Summary is not null)
        {
            text.Append(c, $"Summary:   {check.Summary}\n");
        }

        text.Append('\n');
        foreach (var e in check.Events)
        {
            var mark = TranscriptMarks.For(e);
            var lines = e.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var time = i == 0 ? string.Create(c, $"{e.Elapsed.TotalSeconds,8:0.000}s") : new string(' ', 9);
                text.Append(c, $"{time} {mark} {lines[i].TrimEnd('\r')}");
                if (i == lines.Length - 1 && e.Duration is { } d)
                {
                    text.Append(c, $"   ({d.TotalMilliseconds:0} ms)");
                }

                text.Append('\n');
            }

            if (e.Explanation is not null && e.Direction == EventDirection.Server)
            {
                text.Append(c, $"{new string(' ', 9)}    # {e.Explanation}\n");
            }
        }

        return text.ToString();
    }

    private static string StatusText(StoredCheck check) => check.Outcome is { } outcome
        ? OutcomeText.Label(outcome)
        : check.Status.ToString().ToLowerInvariant();
}
