using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>The first event of a receive check: the address to send to and until when it waits.</summary>
/// <param name="Address">The check's one-time address, <c>token@domain</c>.</param>
/// <param name="ExpiresAt">Until when it takes its message.</param>
public sealed record ReceiveWaitDetail(string Address, DateTimeOffset ExpiresAt) : CheckEventDetail;
