using MailCheck.Core.Checks;

namespace MailCheck.Core.Documents;

/// <summary>One transcript event in the check document and in the hub's <c>Watch</c> stream (times in milliseconds).</summary>
public sealed record CheckDocumentEvent
{
    public required int Seq { get; init; }

    public required DateTimeOffset At { get; init; }

    public required long ElapsedMs { get; init; }

    public long? DurationMs { get; init; }

    public required EventDirection Direction { get; init; }

    public required EventKind Kind { get; init; }

    public required string Text { get; init; }

    public int? Code { get; init; }

    public string? EnhancedCode { get; init; }

    public string? Explanation { get; init; }

    /// <summary>True when sent or received under TLS.</summary>
    public bool Secure { get; init; }

    public string? Host { get; init; }

    /// <summary>The connection attempt the event belongs to ({index, host, address, port}); absent for check-wide events.</summary>
    public EventTarget? Target { get; init; }

    /// <summary>Structured data (MX hosts, connection, TLS certificate, capabilities, outcome) with a "type".</summary>
    public CheckEventDetail? Detail { get; init; }

    public static CheckDocumentEvent From(CheckEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new CheckDocumentEvent
        {
            Seq = e.Seq,
            At = e.At,
            ElapsedMs = (long)e.Elapsed.TotalMilliseconds,
            DurationMs = e.Duration is { } d ? (long)d.TotalMilliseconds : null,
            Direction = e.Direction,
            Kind = e.Kind,
            Text = e.Text,
            Code = e.Code,
            EnhancedCode = e.EnhancedCode,
            Explanation = e.Explanation,
            Secure = e.Secure,
            Host = e.Host,
            Target = e.Target,
            Detail = e.Detail,
        };
    }

    /// <summary>The event back (to millisecond precision), e.g. for a watcher that formats what a server streams.</summary>
    public CheckEvent ToCheckEvent() => new()
    {
        Seq = Seq,
        At = At,
        Elapsed = TimeSpan.FromMilliseconds(ElapsedMs),
        Duration = DurationMs is { } d ? TimeSpan.FromMilliseconds(d) : null,
        Direction = Direction,
        Kind = Kind,
        Text = Text,
        Code = Code,
        EnhancedCode = EnhancedCode,
        Explanation = Explanation,
        Secure = Secure,
        Host = Host,
        Target = Target,
        Detail = Detail,
    };
}
