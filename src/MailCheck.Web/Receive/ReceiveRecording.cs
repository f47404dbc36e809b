using MailCheck.Core.Checks;
using MailCheck.Core.Receive;

namespace MailCheck.Web.Receive;

/// <summary>
/// One receive check held by one SMTP transaction (or by the sweep that judges a stored message again): numbers each
/// event after the check's last one, times it from the check's start, stores and publishes it.
/// </summary>
internal sealed class ReceiveRecording(ReceiveStore store, string token, string holder, string checkId, DateTimeOffset startedAt, int lastSeq) : IReceiveRecording
{
    private int _lastSeq = lastSeq;

    public string CheckId => checkId;

    /// <summary>How long a stored message is held for its verdicts before the sweep may take it over.</summary>
    public TimeSpan JudgeHold { get; init; } = TimeSpan.FromMinutes(3);

    public async Task<CheckEvent> AppendAsync(CheckEvent draft, CancellationToken cancellationToken)
    {
        // Called one at a time, in order (RecordingWriter's single pump): the numbering needs no lock.
        ArgumentNullException.ThrowIfNull(draft);
        var e = draft with { Seq = _lastSeq + 1, Elapsed = draft.At - startedAt };
        await store.AppendAsync(checkId, e, cancellationToken);
        _lastSeq = e.Seq;
        if (e.Kind == EventKind.Outcome)
        {
            await store.LetGoAsync(token, holder, CancellationToken.None);
        }

        return e;
    }

    public Task<bool> StoreMessageAsync(ReceivedEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        store.StoreMessageAsync(token, holder, envelope, message.ToArray(), JudgeHold, cancellationToken);

    public Task ReleaseAsync(CancellationToken cancellationToken) => store.LetGoAsync(token, holder, cancellationToken);
}
