using System.Globalization;
using MailCheck.Core.Checks;

namespace MailCheck.Web.Components.Transcript;

/// <summary>
/// What a running check is doing now, in words, read from its last event: after "Connected to mx1" MailCheck waits for
/// the greeting; after a command it waits for that command's reply. Shown with how long that has lasted, so a server
/// that stays silent is plain to see rather than a frozen "connecting (3 ms)".
/// </summary>
public static class RunningStep
{
    /// <summary>The current step of a running check ("Waiting for the greeting from mx1.example.com").</summary>
    public static string Describe(CheckView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Events.Count == 0)
        {
            return $"Looking up the mail servers of {view.Domain}";
        }

        var last = view.Events[^1];
        var host = last.Host ?? view.Domain;
        return last switch
        {
            { Kind: EventKind.Dns } => $"Looking up the mail servers of {view.Domain}",
            { Kind: EventKind.Connect, Detail: ConnectionDetail { Connected: true } } when view.Request?.Tls == TlsPolicy.Implicit =>
                $"Waiting for the TLS handshake with {host}",
            { Kind: EventKind.Connect, Detail: ConnectionDetail { Connected: true } } => $"Waiting for the greeting from {host}",
            { Direction: EventDirection.Client, Kind: EventKind.Message } => $"Waiting for the reply to the message from {host}",
            { Direction: EventDirection.Client } => $"Waiting for the reply to {Command(last.Kind)} from {host}",
            // 220 to STARTTLS: the TLS handshake follows at once (RFC 3207 §4).
            { Direction: EventDirection.Server, Kind: EventKind.StartTls, Code: 220 } => $"Waiting for the TLS handshake with {host}",
            { Direction: EventDirection.Server } => $"Talking to {host}",
            // A note ("Connecting to mx1 [192.0.2.1]:25 ...", "No greeting from ..."): it says what is happening.
            _ => Note(last.Text),
        };
    }

    /// <summary>"4.2 s" below a minute (tenths, so it visibly ticks), then "2 min 05 s".</summary>
    public static string FormatTicking(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        // Truncated, not rounded: the shown time never runs ahead of the clock.
        return span < TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(span.TotalSeconds * 10) / 10:0.0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s");
    }

    private static string Command(EventKind kind) => kind switch
    {
        EventKind.Ehlo => "EHLO",
        EventKind.Helo => "HELO",
        EventKind.StartTls => "STARTTLS",
        EventKind.Auth => "AUTH",
        EventKind.Mail => "MAIL FROM",
        EventKind.Rcpt => "RCPT TO",
        EventKind.Data => "DATA",
        EventKind.Rset => "RSET",
        EventKind.Quit => "QUIT",
        _ => StatusHeader.StepName(kind),
    };

    private static string Note(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.TrimEnd('.', ' ', '…');
    }
}
