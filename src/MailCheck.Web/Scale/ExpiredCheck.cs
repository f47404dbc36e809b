namespace MailCheck.Web.Scale;

/// <summary>A check whose holder's lease ended, recorded as interrupted by this instance: its outcome event's Seq.</summary>
public sealed record ExpiredCheck(string Id, int Seq, string? FormerOwner);
