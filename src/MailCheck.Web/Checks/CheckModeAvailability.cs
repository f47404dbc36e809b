using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>
/// Which modes this instance offers, so the form can grey out and explain the others. Everything by default;
/// the safety settings (e.g. <c>MailCheck:Safety:AllowSend=false</c>) replace this registration.
/// </summary>
public class CheckModeAvailability
{
    /// <summary>Null when <paramref name="mode"/> may be used; otherwise why not, in plain words.</summary>
    public virtual string? Unavailable(CheckMode mode) => null;
}
