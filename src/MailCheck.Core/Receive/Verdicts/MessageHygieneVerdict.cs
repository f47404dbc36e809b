using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;
using MimeKit;
using MimeKit.Utils;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// What large receivers check in the message itself: exactly one From and one Date, a Message-ID (RFC 5322 §3.6), line
/// endings (RFC 5321 §2.3.8: CRLF only; a bare LF is refused now that SMTP smuggling is known), line length (RFC 5322
/// §2.1.1), 8-bit content without BODY=8BITMIME (RFC 6152 §3), one-click unsubscribe for bulk mail (RFC 8058), size.
/// </summary>
public sealed class MessageHygieneVerdict(long maxMessageSize) : IReceiveVerdict
{
    public string Name => "message";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Hygiene];

    public ScoreArea Area => ScoreArea.Message;

    public Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Envelope.Data;
        var findings = new List<ScoreFinding>();
        if (context.Message is { } message)
        {
            HeaderFields(message, context.Time.GetUtcNow(), findings);
            Unsubscribe(message, context.Get<DkimOutcome>(), findings);
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The message cannot be read as an Internet message ({context.ParseError}; RFC 5322 §2)."));
        }

        LineEndings(facts, findings);
        if (facts.EightBit && !context.Envelope.MailParameters.Contains("BODY=8BITMIME", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn, "The message has 8-bit bytes but MAIL FROM did not say BODY=8BITMIME, as RFC 6152 §3 requires: a server on the way may mangle them.", "Let the sending software declare BODY=8BITMIME, or encode the body (quoted-printable or base64)."));
        }

        var size = facts.Size;
        findings.Add(new ScoreFinding(ScoreStatus.Info, $"Size: {size.ToString("N0", CultureInfo.InvariantCulture)} bytes ({Kib(size)}); MailCheck takes up to {Kib(maxMessageSize)} (SIZE, RFC 1870). Common limits: 25 MB at Gmail, 35 MB at Outlook.com, 10 MB at many company servers; base64 attachments grow by a third."));
        var problems = findings.Count(f => f.Status >= ScoreStatus.Warn);
        var title = problems == 0 ? "Message: well-formed" : $"Message: {problems} problem(s) receivers check for";
        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.Hygiene, ScoreArea.Message, title, findings.OrderByDescending(f => f.Status).First().Text, findings);
        context.Report(EventKind.Hygiene, $"{title}.", new HygieneDetail(size, facts.BareLineFeeds, facts.LongLines, facts.SmugglingSequences) { Items = [item] });
        return Task.CompletedTask;
    }

    private static string Kib(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB";

    private static void HeaderFields(MimeMessage message, DateTimeOffset now, List<ScoreFinding> findings)
    {
        var from = message.Headers.Count(h => h.Id == HeaderId.From);
        var fromMailboxes = message.From.Mailboxes.Count();
        if (from != 1)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The message has {from} From fields; RFC 5322 §3.6 requires exactly one, and Gmail and others reject mail without (or with several).", "Send exactly one From field."));
        }
        else if (fromMailboxes != 1 && !message.Headers.Contains(HeaderId.Sender))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"From names {fromMailboxes} mailboxes and there is no Sender field; RFC 5322 §3.6.2 requires a Sender when From has more than one.", "Put one address in From."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"One From field: {InputLine.Printable(message.From.ToString())} (RFC 5322 §3.6)."));
        }

        var dates = message.Headers.Where(h => h.Id == HeaderId.Date).ToList();
        if (dates.Count != 1)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The message has {dates.Count} Date fields; RFC 5322 §3.6 requires exactly one (the origination date), and receivers penalise or refuse mail without.", "Let the sending software add one Date field."));
        }
        else if (!DateUtils.TryParse(dates[0].Value, out var date))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn, $"The Date field \"{InputLine.Printable(dates[0].Value.Trim())}\" is not a date as RFC 5322 §3.3 writes one.", "Write the date as RFC 5322 §3.3 does, e.g. \"Tue, 1 Dec 2026 10:00:00 +0000\"."));
        }
        else if (date > now.AddMinutes(15))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn, $"The Date field ({date:yyyy-MM-dd HH:mm zzz}) is in the future: the sender's clock is wrong, and filters score dates from the future.", "Synchronise the sending server's clock (NTP)."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"One Date field: {date:yyyy-MM-dd HH:mm:ss zzz} (RFC 5322 §3.6.1)."));
        }

        var ids = message.Headers.Count(h => h.Id == HeaderId.MessageId);
        findings.Add(ids switch
        {
            0 => new ScoreFinding(ScoreStatus.Warn, "The message has no Message-ID; RFC 5322 §3.6.4 says every message SHOULD have one, and Gmail requires it of bulk senders (it also breaks threading and de-duplication).", "Let the sending software add a Message-ID such as <unique@your-domain>."),
            1 => new ScoreFinding(ScoreStatus.Pass, $"Message-ID <{InputLine.Printable(message.MessageId ?? "(unreadable)")}> (RFC 5322 §3.6.4)."),
            _ => new ScoreFinding(ScoreStatus.Fail, $"The message has {ids} Message-ID fields; RFC 5322 §3.6 allows at most one.", "Send one Message-ID."),
        });

        if (!message.Headers.Contains(HeaderId.Subject))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, "The message has no Subject (RFC 5322 §3.6.5 allows that, but spam filters score it)."));
        }

        if (message.BodyParts.OfType<TextPart>().Any(p => p.IsHtml) && !message.BodyParts.OfType<TextPart>().Any(p => p.IsPlain))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, "The message has HTML but no plain-text alternative (multipart/alternative, RFC 2046 §5.1.4): some readers show nothing, and filters score HTML-only mail."));
        }
    }

    private static void LineEndings(ReceivedDataFacts facts, List<ScoreFinding> findings)
    {
        if (facts.SmugglingSequences > 0)
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.Fail,
                $"The message contains {facts.SmugglingSequences} \"<LF>.<LF>\"-style sequence(s): a server that took a bare LF as a line ending would end the message there and read the rest as a second message (SMTP smuggling, CVE-2023-51764/51765/51766). Only <CRLF>.<CRLF> ends a message (RFC 5321 §4.1.1.4); MailCheck kept them as content.",
                "Make the sending software end every line with CRLF; never send a line holding a lone \".\" with a bare LF."));
        }

        if (facts.BareLineFeeds > 0)
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.Fail,
                $"{facts.BareLineFeeds} line(s) end with a bare LF: RFC 5321 §2.3.8 allows only CRLF, and since SMTP smuggling became known servers refuse such mail (Postfix smtpd_forbid_bare_newline, Gmail).",
                "Make the sending software end every line with CRLF."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, "Every line ends with CRLF (RFC 5321 §2.3.8)."));
        }

        if (facts.LongLines > 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn, $"{facts.LongLines} line(s) are longer than 998 characters: RFC 5322 §2.1.1 forbids it and servers may break such lines, which breaks DKIM signatures.", "Encode long content (quoted-printable or base64) so no line exceeds 78, at most 998, characters."));
        }
    }

    private static void Unsubscribe(MimeMessage message, DkimOutcome? dkim, List<ScoreFinding> findings)
    {
        var list = message.Headers[HeaderId.ListUnsubscribe];
        var post = message.Headers[HeaderId.ListUnsubscribePost];
        var precedence = message.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        var bulk = list is not null || message.Headers.Contains(HeaderId.ListId) || precedence is "bulk" or "list" || message.Headers.Contains("Feedback-ID");
        if (list is null)
        {
            findings.Add(bulk
                ? new ScoreFinding(ScoreStatus.Warn, "The message looks like bulk mail (List-Id, Precedence: bulk or Feedback-ID) but has no List-Unsubscribe: Gmail and Yahoo require one-click unsubscribe (RFC 8058) from bulk senders.", "Add List-Unsubscribe: <https://...> and List-Unsubscribe-Post: List-Unsubscribe=One-Click, and sign both with DKIM.")
                : new ScoreFinding(ScoreStatus.Info, "No List-Unsubscribe: right for personal mail; bulk mail needs one-click unsubscribe (RFC 8058)."));
            return;
        }

        var uris = list.Split(',').Select(u => u.Trim().Trim('<', '>').Trim()).Where(u => u.Length > 0).ToList();
        var https = uris.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (post is null)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Warn, "List-Unsubscribe without List-Unsubscribe-Post: the unsubscribe is not one-click (RFC 8058 §3.1), which Gmail and Yahoo require from bulk senders.", "Add List-Unsubscribe-Post: List-Unsubscribe=One-Click (and an https URI in List-Unsubscribe that takes a POST)."));
        }
        else if (!string.Equals(post.Trim(), "List-Unsubscribe=One-Click", StringComparison.Ordinal))
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, $"List-Unsubscribe-Post is \"{InputLine.Printable(post.Trim())}\"; RFC 8058 §3.1 requires exactly \"List-Unsubscribe=One-Click\".", "Write List-Unsubscribe-Post: List-Unsubscribe=One-Click."));
        }
        else if (!https)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Fail, "List-Unsubscribe-Post is there but List-Unsubscribe has no https URI: one-click unsubscribe needs one (RFC 8058 §3.1).", "Put an https URI that takes the POST in List-Unsubscribe (a mailto: may stay beside it)."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, "One-click unsubscribe: List-Unsubscribe with an https URI and List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058 §3.1)."));
        }

        if (post is not null)
        {
            var signers = dkim?.Signatures.Where(s => s.Result == DkimResult.Pass).ToList() ?? [];
            var covered = signers.Any(s => s.SignedHeaders.Contains("list-unsubscribe", StringComparer.OrdinalIgnoreCase) && s.SignedHeaders.Contains("list-unsubscribe-post", StringComparer.OrdinalIgnoreCase));
            if (!covered)
            {
                findings.Add(new ScoreFinding(ScoreStatus.Warn, "No valid DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post: RFC 8058 §4 requires it, so receivers may ignore the one-click unsubscribe.", "Add list-unsubscribe:list-unsubscribe-post to the signed headers (h=) of the DKIM signature."));
            }
        }
    }
}
