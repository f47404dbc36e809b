using MailCheck.Core.Checks;

namespace MailCheck.Core.Comparison;

/// <summary>
/// What one target's last connection showed, for comparing: whether it connected, the extensions, TLS, the reply code
/// and time of each step (a step seen twice, like EHLO after STARTTLS, is "EHLO #2").
/// </summary>
internal sealed record SessionProfile
{
    public required EventTarget Target { get; init; }

    public bool Connected { get; init; }

    public string? ConnectError { get; init; }

    public CapabilitiesDetail? FirstCapabilities { get; init; }

    public CapabilitiesDetail? LastCapabilities { get; init; }

    public bool UsedHelo { get; init; }

    public TlsDetail? Tls { get; init; }

    /// <summary>The reply of each step in order ("RCPT TO" → "250 2.1.5").</summary>
    public IReadOnlyList<(string Step, string Reply)> Replies { get; init; } = [];

    /// <summary>How long each step took in order, the connection and the TLS handshake included.</summary>
    public IReadOnlyList<(string Step, TimeSpan Took)> Timings { get; init; } = [];

    /// <summary>Every target's last connection attempt in <paramref name="events"/>, in the order the targets came.</summary>
    public static IReadOnlyList<SessionProfile> Of(IReadOnlyList<CheckEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var profiles = new List<SessionProfile>();
        foreach (var transcript in TargetTranscript.Of(events))
        {
            // A fallback without TLS makes a second connection to the same target: the last one is what the check ended with.
            var start = transcript.Events.Select((e, i) => (e, i)).LastOrDefault(x => x.e.Detail is ConnectionDetail).i;
            var connection = transcript.Events.Skip(start).ToList();
            if (connection.FirstOrDefault()?.Detail is not ConnectionDetail detail)
            {
                continue;
            }

            var replies = new List<(string, string)> { ("connect", detail.Connected ? "connected" : $"failed: {detail.Error}") };
            var timings = new List<(string, TimeSpan)>();
            if (connection[0].Duration is { } connect)
            {
                timings.Add(("connect", connect));
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var e in connection)
            {
                string name;
                if (e is { Kind: EventKind.Tls, Detail: TlsDetail })
                {
                    name = "TLS handshake";
                }
                else if (e.Direction == EventDirection.Server)
                {
                    name = StepName(e.Kind);
                    replies.Add((Numbered(name, seen), e.EnhancedCode is null ? $"{e.Code}" : $"{e.Code} {e.EnhancedCode}"));
                }
                else
                {
                    continue;
                }

                if (e.Duration is { } took)
                {
                    timings.Add((name == "TLS handshake" ? Numbered(name, seen) : replies[^1].Item1, took));
                }
            }

            var caps = connection.Where(e => e.Direction == EventDirection.Server).Select(e => e.Detail).OfType<CapabilitiesDetail>().ToList();
            profiles.Add(new SessionProfile
            {
                Target = transcript.Target,
                Connected = detail.Connected,
                ConnectError = detail.Error,
                FirstCapabilities = caps.FirstOrDefault(),
                LastCapabilities = caps.LastOrDefault(),
                UsedHelo = connection.Any(e => e is { Kind: EventKind.Helo, Direction: EventDirection.Server }),
                Tls = connection.Select(e => e.Detail).OfType<TlsDetail>().LastOrDefault(),
                Replies = replies,
                Timings = timings,
            });
        }

        // Parallel attempts log in the order they ran: list them in the order they were planned.
        return [.. profiles.OrderBy(p => p.Target.Index)];
    }

    private static string Numbered(string name, Dictionary<string, int> seen)
    {
        var n = seen[name] = seen.GetValueOrDefault(name) + 1;
        return n == 1 ? name : $"{name} #{n}";
    }

    private static string StepName(EventKind kind) => CommandNames.Of(kind) ?? kind switch
    {
        EventKind.Banner => "banner",
        EventKind.Message => "end of data",
        _ => kind.ToString(),
    };
}
