using MailCheck.Core.Checks;

namespace MailCheck.Core.Matrix;

/// <summary>What one target's events show, step by step: what the matrix cells and the differences are made of.</summary>
internal sealed record TargetFacts
{
    public CheckEvent? Policy { get; init; }

    public CheckEvent? Connect { get; init; }

    public ConnectionDetail? Connection => Connect?.Detail as ConnectionDetail;

    /// <summary>How long the attempt waited for a slot of the per-address connection limit, when it waited.</summary>
    public TimeSpan? SlotWait { get; init; }

    public CheckEvent? Banner { get; init; }

    /// <summary>Every EHLO/HELO reply, in order (a second one after STARTTLS).</summary>
    public IReadOnlyList<CheckEvent> Greetings { get; init; } = [];

    public CheckEvent? StartTls { get; init; }

    public CheckEvent? Tls { get; init; }

    public TlsDetail? TlsDetail => Tls?.Detail as TlsDetail;

    public CheckEvent? Mail { get; init; }

    public IReadOnlyList<CheckEvent> Rcpts { get; init; } = [];

    /// <summary>The last fault note (timeout, drop, protocol error).</summary>
    public CheckEvent? Error { get; init; }

    public TargetOutcomeDetail? Outcome { get; init; }

    /// <summary>The extensions of the first EHLO (before TLS: the one that offers STARTTLS).</summary>
    public CapabilitiesDetail? FirstCapabilities => Greetings.Select(g => g.Detail).OfType<CapabilitiesDetail>().FirstOrDefault();

    /// <summary>The extensions of the last EHLO (after TLS when there was TLS).</summary>
    public CapabilitiesDetail? LastCapabilities => Greetings.Select(g => g.Detail).OfType<CapabilitiesDetail>().LastOrDefault();

    /// <summary>True when EHLO was refused and HELO used instead (no extensions at all).</summary>
    public bool UsedHelo => Greetings.Any(g => g.Kind == EventKind.Helo);

    /// <summary>The greeting's first line ("220 mx1.example.com ESMTP Postfix").</summary>
    public string? BannerLine => Banner?.Text.Split('\n')[0].TrimEnd('\r');

    public static TargetFacts Of(IReadOnlyList<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var server = events.Where(e => e.Direction == EventDirection.Server).ToList();
        return new TargetFacts
        {
            Policy = events.FirstOrDefault(e => e.Kind == EventKind.Policy),
            Connect = events.FirstOrDefault(e => e is { Kind: EventKind.Connect, Detail: ConnectionDetail }),
            SlotWait = events.FirstOrDefault(e => e is { Kind: EventKind.Connect, Direction: EventDirection.Info, Detail: null, Duration: not null })?.Duration,
            Banner = server.FirstOrDefault(e => e.Kind == EventKind.Banner),
            Greetings = [.. server.Where(e => e.Kind is EventKind.Ehlo or EventKind.Helo)],
            StartTls = server.FirstOrDefault(e => e.Kind == EventKind.StartTls),
            Tls = events.FirstOrDefault(e => e is { Kind: EventKind.Tls, Detail: Checks.TlsDetail }),
            Mail = server.FirstOrDefault(e => e.Kind == EventKind.Mail),
            Rcpts = [.. server.Where(e => e.Kind == EventKind.Rcpt)],
            Error = events.LastOrDefault(e => e is { Kind: EventKind.Error, Direction: EventDirection.Info }),
            Outcome = events.Select(e => e.Detail).OfType<TargetOutcomeDetail>().LastOrDefault(),
        };
    }
}
