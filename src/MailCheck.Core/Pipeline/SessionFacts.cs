using MailCheck.Core.Checks;

namespace MailCheck.Core.Pipeline;

/// <summary>
/// What the SMTP conversation showed, read back from the transcript: the stages after the session judge what actually
/// happened on the wire, not what DNS says should happen.
/// </summary>
public static class SessionFacts
{
    /// <summary>Every connection that was established, in order, with its banner, EHLO replies and TLS details.</summary>
    public static IReadOnlyList<SessionConnection> Connections(IReadOnlyList<CheckEvent> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var result = new List<SessionConnection>();
        SessionConnection? current = null;
        foreach (var e in transcript)
        {
            if (e is { Kind: EventKind.Connect, Detail: ConnectionDetail { Connected: true } c })
            {
                if (current is not null)
                {
                    result.Add(current);
                }

                current = new SessionConnection(c.Host, c.Address, c.Port, c.LocalAddress);
                continue;
            }

            if (current is null || e.Host != current.Host)
            {
                continue;
            }

            current = e switch
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
            result.Add(current);
        }

        return result;
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
