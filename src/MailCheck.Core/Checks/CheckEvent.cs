namespace MailCheck.Core.Checks;

/// <summary>
/// One step of a check as it happened: a command sent, a reply received, or a note from MailCheck.
/// Events are immutable and numbered from 1 in the order they happened.
/// </summary>
public sealed record CheckEvent
{
    /// <summary>1-based position in the check's stream; watchers drop duplicates by it.</summary>
    public required int Seq { get; init; }

    /// <summary>When the event happened (wall clock from the injected <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Time since the check began.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>For the event that ends a step (a reply, a DNS answer, a connection), how long the step took.</summary>
    public TimeSpan? Duration { get; init; }

    public required EventDirection Direction { get; init; }

    public required EventKind Kind { get; init; }

    /// <summary>The text exactly as on the wire (without the CRLF; secrets redacted), or a note.</summary>
    public required string Text { get; init; }

    /// <summary>The reply's basic code (server replies only).</summary>
    public int? Code { get; init; }

    /// <summary>The reply's enhanced status code (RFC 3463), when the server offers them.</summary>
    public string? EnhancedCode { get; init; }

    /// <summary>A plain-language explanation of the reply or the fault.</summary>
    public string? Explanation { get; init; }

    /// <summary>True when the line was sent or received under TLS.</summary>
    public bool Secure { get; init; }

    /// <summary>The MX host the line belongs to, when there is one.</summary>
    public string? Host { get; init; }

    /// <summary>
    /// The connection attempt the event belongs to (host, address, port), when it belongs to one. Null for DNS,
    /// posture and other check-wide events, and in checks stored before targets were recorded.
    /// </summary>
    public EventTarget? Target { get; init; }

    /// <summary>Structured data for the step, when it has some.</summary>
    public CheckEventDetail? Detail { get; init; }
}
