using MailCheck.Core.Checks;

namespace MailCheck.Core.Pipeline;

/// <summary>
/// What the SMTP conversation showed, read back from the transcript: the stages after the session judge what actually
/// happened on the wire, not what DNS says should happen. Connections are told apart by their target, so the facts
/// stay right when an every-MX check ran several connections in parallel and their events interleave.
/// </summary>
public static class SessionFacts
{
    /// <summary>
    /// Every connection that was established, in the order it was established, with its banner, EHLO replies and TLS
    /// details.
    /// </summary>
    public static IReadOnlyList<SessionConnection> Connections(IReadOnlyList<CheckEvent> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var connections = new List<(int Seq, SessionConnection Connection)>();
        foreach (var target in TargetTranscript.Of(transcript))
        {
            SessionConnection? current = null;
            var started = 0;
            foreach (var e in target.Events)
            {
                if (e is { Kind: EventKind.Connect, Detail: ConnectionDetail { Connected: true } c })
                {
                    if (current is not null)
                    {
                        connections.Add((started, current));
                    }

                    current = new SessionConnection(c.Host, c.Address, c.Port, c.LocalAddress);
                    started = e.Seq;
                    continue;
                }

                current = current is null ? null : e switch
                {
                    { Kind: EventKind.Banner, Direction: EventDirection.Server } when current.Banner is null => current with { Banner = e },
                    { Kind: EventKind.Ehlo or EventKind.Helo, Direction: EventDirection.Server } => current with { Ehlo = e, FirstEhlo = current.FirstEhlo ?? e },
                    { Kind: EventKind.Tls, Detail: TlsDetail tls } => current with { Tls = tls },
                    { Kind: EventKind.StartTls, Direction: EventDirection.Server } => current with { StartTls = e },
                    _ => current,
                };
            }

            if (current is not null)
            {
                connections.Add((started, current));
            }
        }

        return [.. connections.OrderBy(c => c.Seq).Select(c => c.Connection)];
    }

    /// <summary>The connection the outcome was decided on (the last one held with the result's host), if any.</summary>
    public static SessionConnection? Used(IReadOnlyList<CheckEvent> transcript, CheckResult? result)
    {
        var connections = Connections(transcript);
        return result?.Host is { } host
            ? connections.LastOrDefault(c => c.Host == host && (result.Address is null || c.Address == result.Address))
            : null;
    }
}
