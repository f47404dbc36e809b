using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Checks;

/// <summary>
/// Which modes this instance offers, so the form can grey out and explain the others:
/// <c>MailCheck:Safety:AllowSend=false</c> turns send mode off, and receive mode is there only with <c>MailCheck:Receive:Domain</c>.
/// (The submission path enforces both; this only informs.)
/// </summary>
public class CheckModeAvailability(IOptions<SafetyOptions> safety, IOptions<Core.Receive.ReceiveOptions>? receive = null)
{
    /// <summary>Null when <paramref name="mode"/> may be used; otherwise why not, in plain words.</summary>
    public virtual string? Unavailable(CheckMode mode) => mode switch
    {
        CheckMode.Send when !safety.Value.AllowSend => SafetyGuard.SendDisabledMessage,
        CheckMode.Receive when receive?.Value.Enabled != true => Receive.ReceiveChecks.NotConfiguredMessage,
        _ => null,
    };

    /// <summary>True when this instance receives mail (the form shows the fourth mode only then).</summary>
    public virtual bool Receives => receive?.Value.Enabled == true;

    /// <summary>The receive domain (the part after "@" of every address it hands out), when receiving.</summary>
    public string? ReceiveDomain => Receives ? Core.Checks.DomainName.ToAscii(receive!.Value.Domain!.Trim()) : null;

    /// <summary>How long a receive check waits.</summary>
    public TimeSpan ReceiveWait => receive?.Value.Wait ?? TimeSpan.Zero;
}
