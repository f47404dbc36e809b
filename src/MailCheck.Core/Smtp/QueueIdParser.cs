using System.Text.RegularExpressions;

namespace MailCheck.Core.Smtp;

/// <summary>Finds the queue id in the reply to the final "." (Postfix, Exim, Sendmail, Exchange and friends).</summary>
internal static partial class QueueIdParser
{
    public static string? Parse(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Message;
        foreach (var regex in (ReadOnlySpan<Regex>)[QueuedAs(), IdEquals(), InternalId(), SendmailAccepted()])
        {
            var m = regex.Match(text);
            if (m.Success)
            {
                return m.Groups["id"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"queued as\s+<?(?<id>[A-Za-z0-9][A-Za-z0-9._@\-]*[A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex QueuedAs();

    [GeneratedRegex(@"\bid=<?(?<id>[A-Za-z0-9][A-Za-z0-9._@\-]*[A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex IdEquals();

    [GeneratedRegex(@"InternalId=(?<id>\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex InternalId();

    [GeneratedRegex(@"^(?<id>[A-Za-z0-9]{6,}) Message accepted for delivery", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex SendmailAccepted();
}
