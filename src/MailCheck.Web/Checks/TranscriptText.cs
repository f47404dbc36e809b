using System.Globalization;
using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Checks;

/// <summary>The plain-text transcript (download and <c>transcript.txt</c>): a short header, then the engine's swaks-style lines.</summary>
public static class TranscriptText
{
    public static string Format(StoredCheck check, string url)
    {
        ArgumentNullException.ThrowIfNull(check);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        if (check.Request.Mode == CheckMode.Receive)
        {
            var address = check.Events.Select(e => e.Detail).OfType<Core.Receive.ReceiveWaitDetail>().FirstOrDefault()?.Address ?? "(unknown)";
            text.Append(c, $"MailCheck: receive check for one message to {address}\n");
            text.Append(c, $"Marks:     {TranscriptRoles.Of(CheckMode.Receive).Legend}\n");
        }
        else
        {
            var scope = check.Request.Scope == CheckScope.All ? ", every MX" : "";
            text.Append(c, $"MailCheck: {check.Domain} ({check.Request.Mode.ToString().ToLowerInvariant()}{scope}, port {check.Request.Port}, TLS {check.Request.Tls.ToString().ToLowerInvariant()})\n");
        }
        text.Append(c, $"Link:      {url}\n");
        text.Append(c, $"Started:   {check.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC\n");
        text.Append(c, $"Status:    {StatusText(check)}\n");
        if (check.Summary is not null)
        {
            text.Append(c, $"Summary:   {check.Summary}\n");
        }

        text.Append('\n');
        text.Append(TranscriptFormatter.Format(check.Events, check.Request));
        return text.ToString();
    }

    private static string StatusText(StoredCheck check) => check.Outcome is { } outcome
        ? OutcomeText.Label(outcome)
        : check.Status.ToString().ToLowerInvariant();
}
