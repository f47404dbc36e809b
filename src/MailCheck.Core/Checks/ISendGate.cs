namespace MailCheck.Core.Checks;

/// <summary>
/// The host's last word before a message goes out: the engine asks it right before DATA (the step after which the
/// server may deliver). A host that runs checks on several instances answers false once this instance no longer
/// holds the check (another one may already have recorded it as interrupted), so a check never delivers after it was
/// given up. An answer that fails (an exception) counts as false: nothing is sent when in doubt.
/// </summary>
public interface ISendGate
{
    ValueTask<bool> MaySendAsync(CancellationToken cancellationToken);
}
