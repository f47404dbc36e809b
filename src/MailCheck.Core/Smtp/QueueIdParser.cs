using System.Text.RegularExpressions;

namespace MailCheck.Core.Smtp;

/// <summary>
/// Finds the queue id in the reply to the final "." (Postfix, Exim, Sendmail, Exchange and friends).
/// The queue id is a nicety: failing to find it — even a regex timeout on a starved machine — never changes the
/// outcome of a check.
/// </summary>
internal static partial class QueueIdParser
{
    // The patterns are linear and the reply is bounded (64 KiB), so the timeout only guards against a starved CPU.
    private const int MatchTimeoutMilliseconds = 2000;

    public static string? Parse(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Message;
        foreach (var regex in (ReadOnlySpan<Regex>)[QueuedAs(), IdEquals(), InternalId(), SendmailAccepted()])
        {
            try
            {
                var m = regex.Match(text);
                if (m.Success)
                {
                    return m.Groups["id"].Value;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"queued as\s+<?(?<id>[A-Za-z0-9][A-Za-z0-9._@\-]*[A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex QueuedAs();

    [GeneratedRegex(@"\bid=<?(?<id>[A-Za-z0-9][A-Za-z0-9._@\-]*[A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex IdEquals();

    [GeneratedRegex(@"InternalId=(?<id>\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex InternalId();

    [GeneratedRegex(@"^(?<id>[A-Za-z0-9]{6,}) Message accepted for delivery", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex SendmailAccepted();
}
