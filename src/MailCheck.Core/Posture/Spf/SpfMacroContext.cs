using System.Net;

namespace MailCheck.Core.Posture.Spf;

/// <summary>The values macros expand to (RFC 7208 §7.2, §7.3).</summary>
public sealed record SpfMacroContext
{
    /// <summary><c>s</c>: the sender, <c>local-part@domain</c> (local-part "postmaster" when it had none, §4.3).</summary>
    public required string Sender { get; init; }

    /// <summary><c>l</c>: the sender's local-part.</summary>
    public required string LocalPart { get; init; }

    /// <summary><c>o</c>: the sender's domain.</summary>
    public required string SenderDomain { get; init; }

    /// <summary><c>d</c>: the domain whose record is being evaluated (changes with include and redirect).</summary>
    public required string Domain { get; init; }

    /// <summary><c>i</c>, <c>c</c> and <c>v</c>: the SMTP client's address.</summary>
    public required IPAddress Ip { get; init; }

    /// <summary><c>h</c>: the HELO/EHLO name, as the client sent it.</summary>
    public required string Helo { get; init; }

    /// <summary><c>r</c>: the name of the host performing the check ("unknown" when there is none, §7.3).</summary>
    public string Receiver { get; init; } = "unknown";

    /// <summary><c>t</c>: when the check ran.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>
    /// <c>p</c>: finds the validated domain name of the client's address for a domain (§7.3, §5.5); "unknown" when this
    /// is null, when there is none, or on a DNS error.
    /// </summary>
    public Func<string, CancellationToken, Task<string>>? ValidatedName { get; init; }
}
