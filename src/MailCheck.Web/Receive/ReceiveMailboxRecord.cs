namespace MailCheck.Web.Receive;

/// <summary>
/// A receive check's address as stored (table <c>ReceiveMailboxes</c>): the token, the check it belongs to, until when it
/// waits, which SMTP transaction holds it now, and — once it came — its one message with what the envelope said. Deleted
/// with its check (retention); any instance finds a token here, so the message may arrive at any of them.
/// </summary>
public sealed class ReceiveMailboxRecord
{
    /// <summary>The local part of the address (<see cref="Core.Receive.ReceiveToken"/>): 26 characters.</summary>
    public required string Token { get; set; }

    public required string CheckId { get; set; }

    /// <summary>The full address, <c>token@domain</c> (the domain may change in the configuration later; this is what was given).</summary>
    public required string Address { get; set; }

    /// <summary>Until when the address takes its message.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The SMTP transaction (instance and connection) that holds the check now, or null.</summary>
    public string? HeldBy { get; set; }

    /// <summary>Until when that hold counts (a transaction of a process that died lets go by itself).</summary>
    public DateTimeOffset? HeldUntil { get; set; }

    /// <summary>When the message was stored.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>When the check stopped waiting without a message (timeout, cancel).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>What the SMTP conversation said (<see cref="Core.Receive.ReceivedEnvelope"/> as JSON).</summary>
    public string? EnvelopeJson { get; set; }

    /// <summary>The message as received (after dot-unstuffing), at most MailCheck:Receive:MaxMessageSize bytes.</summary>
    public byte[]? Message { get; set; }

    public long? MessageSize { get; set; }
}
