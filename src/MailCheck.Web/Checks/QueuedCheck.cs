using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>A validated request waiting for the runner. Holds the password (in memory only) until the check ran.</summary>
public sealed record QueuedCheck(string Id, CheckRequest Request);
