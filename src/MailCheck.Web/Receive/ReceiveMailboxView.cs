namespace MailCheck.Web.Receive;

/// <summary>A receive check's address and where it stands (never the message).</summary>
/// <param name="Address">The one-time address.</param>
/// <param name="ExpiresAt">Until when it takes its message.</param>
/// <param name="ReceivedAt">When the message arrived, if it did.</param>
/// <param name="ClosedAt">When the check stopped waiting without one, if it did.</param>
/// <param name="ArrivingNow">True while an SMTP transaction holds it (a message may be arriving).</param>
public sealed record ReceiveMailboxView(string Address, DateTimeOffset ExpiresAt, DateTimeOffset? ReceivedAt, DateTimeOffset? ClosedAt, bool ArrivingNow)
{
    /// <summary>True while the address still takes its message.</summary>
    public bool Waiting(DateTimeOffset now) => ReceivedAt is null && ClosedAt is null && ExpiresAt > now;
}
