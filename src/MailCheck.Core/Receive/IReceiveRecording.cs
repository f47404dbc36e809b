using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>
/// One receive check, held by one SMTP transaction: its events are appended as they happen (to the store and the live
/// feed), its one message is stored, or it is released to go on waiting.
/// </summary>
public interface IReceiveRecording
{
    /// <summary>The check's id.</summary>
    string CheckId { get; }

    /// <summary>
    /// Appends one event: numbers it after the check's last one and times it from the check's start; returns it as
    /// stored. Called in order, one at a time.
    /// </summary>
    Task<CheckEvent> AppendAsync(CheckEvent draft, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the check's one message and what the envelope said; from now on the address takes no other message. False
    /// when the check no longer waits (it was stopped meanwhile): the caller answers 451 and nothing is kept.
    /// </summary>
    Task<bool> StoreMessageAsync(ReceivedEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Lets go of the check without a message: it goes on waiting for one until its wait runs out.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
