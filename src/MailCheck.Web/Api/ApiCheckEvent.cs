using MailCheck.Core.Checks;

namespace MailCheck.Web.Api;

/// <summary>One transcript event as the API and the hub show it.</summary>
public sealed record ApiCheckEvent
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

    /// <summary>Structured data (MX hosts, connection, TLS certificate, capabilities, outcome) with a "type".</summary>
    public CheckEventDetail? Detail { get; init; }

    public static ApiCheckEvent From(CheckEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ApiCheckEvent
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
            Detail = e.Detail,
        };
    }
}
