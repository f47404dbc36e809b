namespace MailCheck.Core.Checks;

/// <summary>
/// Who the two sides of a transcript are. <see cref="EventDirection"/> is the SMTP role (client: commands, server:
/// replies); which of them is MailCheck depends on the check's mode. The result page, <c>transcript.txt</c> and the
/// CLI name the sides with these words, so a receive transcript reads as the sender's own log.
/// </summary>
/// <param name="Client">Who sent the commands (the <c>-&gt;</c> lines).</param>
/// <param name="Server">Who sent the replies (the <c>&lt;-</c> lines).</param>
public sealed record TranscriptRoles(string Client, string Server)
{
    /// <summary>The roles in a check of <paramref name="mode"/>.</summary>
    public static TranscriptRoles Of(CheckMode mode) => mode == CheckMode.Receive
        ? new TranscriptRoles("the sending server", "MailCheck")
        : new TranscriptRoles("MailCheck", "the mail server");

    /// <summary>One line naming the marks, e.g. "-> the sending server   <- MailCheck   === MailCheck's notes".</summary>
    public string Legend => $"{TranscriptFormatter.SentMark} {Client}   {TranscriptFormatter.ReceivedMark} {Server}   "
        + $"{TranscriptFormatter.SentSecureMark} {TranscriptFormatter.ReceivedSecureMark} under TLS   {TranscriptFormatter.NoteMark} notes   {TranscriptFormatter.ProblemMark} problems";
}
