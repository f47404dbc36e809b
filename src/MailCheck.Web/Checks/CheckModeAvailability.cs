using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Checks;

/// <summary>
/// Which modes this instance offers, so the form can grey out and explain the others:
/// <c>MailCheck:Safety:AllowSend=false</c> turns send mode off. (The submission guards enforce it; this only informs.)
/// </summary>
public class CheckModeAvailability(IOptions<SafetyOptions> safety)
{
    /// <summary>Null when <paramref name="mode"/> may be used; otherwise why not, in plain words.</summary>
    public virtual string? Unavailable(CheckMode mode) =>
        mode == CheckMode.Send && !safety.Value.AllowSend ? SafetyGuard.SendDisabledMessage : null;
}
