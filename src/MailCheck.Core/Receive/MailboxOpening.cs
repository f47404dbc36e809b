namespace MailCheck.Core.Receive;

/// <summary>The answer to <see cref="IReceiveMailboxes.OpenAsync"/>.</summary>
/// <param name="State">Whether the mailbox can take a message now.</param>
/// <param name="Recording">The check to record into, when <paramref name="State"/> is <see cref="MailboxState.Open"/>.</param>
/// <param name="Since">When the address expired or received its message (for the refusal's text).</param>
public sealed record MailboxOpening(MailboxState State, IReceiveRecording? Recording = null, DateTimeOffset? Since = null)
{
    public static MailboxOpening Unknown { get; } = new(MailboxState.Unknown);
}
