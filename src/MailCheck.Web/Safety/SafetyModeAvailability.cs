using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Safety;

/// <summary>With <c>MailCheck:Safety:AllowSend=false</c> the form greys out send mode and says why.</summary>
public sealed class SafetyModeAvailability(SafetyTargetPolicy policy) : CheckModeAvailability
{
    public override string? Unavailable(CheckMode mode) =>
        mode == CheckMode.Send && !policy.AllowSend ? SafetyGuard.SendDisabledMessage : null;
}
