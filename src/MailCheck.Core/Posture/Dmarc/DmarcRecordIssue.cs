namespace MailCheck.Core.Posture.Dmarc;

/// <summary>One problem with a DMARC record, tied to its tag.</summary>
/// <param name="Tag">The tag at fault (empty for the tag-list syntax itself).</param>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Text">What was seen, in plain words.</param>
public sealed record DmarcRecordIssue(string Tag, DmarcIssueKind Kind, string Text);
