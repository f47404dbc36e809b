using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>What a live watcher is told: the check's status, and the event that just happened (when one did).</summary>
public sealed record CheckUpdate(CheckStatus Status, CheckEvent? Event);
