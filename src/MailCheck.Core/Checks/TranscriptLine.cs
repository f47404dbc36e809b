namespace MailCheck.Core.Checks;

/// <summary>
/// One line of a transcript in parts, so that a renderer can style each (the CLI colours them); <see cref="ToString"/>
/// is the plain text of <see cref="TranscriptFormatter"/>.
/// </summary>
/// <param name="Time">Seconds since the check began, right-aligned ("   0.031"); blank on an event's later lines.</param>
/// <param name="Mark">The swaks mark (<see cref="TranscriptFormatter.Mark"/>).</param>
/// <param name="Text">The line itself.</param>
/// <param name="Duration">How long the step took ("27 ms"), on the last line of a reply or note that has one.</param>
/// <param name="Problem">True when the line reports a fault or a refusal (mark <c>***</c>).</param>
/// <param name="Tag">In a transcript of an every-MX check, the target's tag padded to a column ("[2] "), or blanks for
/// a check-wide line; null otherwise.</param>
public sealed record TranscriptLine(string Time, string Mark, string Text, string? Duration, bool Problem, string? Tag = null)
{
    /// <summary>"   0.031 <-  220 mx1 ESMTP  (27 ms)", or with a tag "   0.031 [2]  <-  220 mx1 ESMTP  (27 ms)".</summary>
    public override string ToString() =>
        $"{Time} {(Tag is null ? "" : Tag + " ")}{TranscriptFormatter.Column(Mark)} {Text}{(Duration is null ? "" : $"  ({Duration})")}";
}
