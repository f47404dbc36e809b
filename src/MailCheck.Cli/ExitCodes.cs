using MailCheck.Core.Checks;

namespace MailCheck.Cli;

/// <summary>
/// The exit status of <c>mailcheck</c>: one per outcome, then sysexits.h codes for everything that is not an
/// outcome. Stable: scripts and monitoring depend on these numbers (docs/cli.md lists them; a test pins them).
/// </summary>
public static class ExitCodes
{
    public const int Accepted = 0;
    public const int Rejected = 10;
    public const int Deferred = 11;
    public const int Unreachable = 12;
    public const int NoMailService = 13;
    public const int DnsError = 14;
    public const int TlsFailed = 15;
    public const int ProtocolError = 16;
    public const int Timeout = 17;
    public const int Indeterminate = 18;
    public const int Blocked = 19;
    public const int Interrupted = 20;

    /// <summary>Receive mode: a message arrived at the check's address and was judged (appended after 20; nothing renumbered).</summary>
    public const int Received = 21;

    /// <summary>Cancelled with Ctrl-C or SIGTERM: 128 + SIGINT, as shells report an interrupted command.</summary>
    public const int Cancelled = 130;

    /// <summary>EX_USAGE: a flag or its value is wrong; the message names the flag. Nothing was sent.</summary>
    public const int Usage = 64;

    /// <summary>EX_NOINPUT: the <c>--body-file</c> cannot be read.</summary>
    public const int NoInput = 66;

    /// <summary>EX_UNAVAILABLE: <c>--server</c> could not be reached, is not a MailCheck, or its stream broke.</summary>
    public const int ServerUnavailable = 69;

    /// <summary>EX_SOFTWARE: mailcheck itself failed unexpectedly.</summary>
    public const int Software = 70;

    /// <summary>EX_TEMPFAIL: <c>--server</c> is busy or rate-limits this client; try again later.</summary>
    public const int ServerBusy = 75;

    /// <summary>EX_NOPERM: <c>--server</c> refused the check (its policy).</summary>
    public const int ServerRefused = 77;

    /// <summary>EX_CONFIG: the configuration from the environment (<c>MailCheck__*</c>) is not valid.</summary>
    public const int Config = 78;

    /// <summary>The exit status for a check that ended with <paramref name="outcome"/>.</summary>
    public static int For(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Accepted => Accepted,
        CheckOutcome.Rejected => Rejected,
        CheckOutcome.Deferred => Deferred,
        CheckOutcome.Unreachable => Unreachable,
        CheckOutcome.NoMailService => NoMailService,
        CheckOutcome.DnsError => DnsError,
        CheckOutcome.TlsFailed => TlsFailed,
        CheckOutcome.ProtocolError => ProtocolError,
        CheckOutcome.Timeout => Timeout,
        CheckOutcome.Indeterminate => Indeterminate,
        CheckOutcome.Blocked => Blocked,
        CheckOutcome.Interrupted => Interrupted,
        CheckOutcome.Cancelled => Cancelled,
        CheckOutcome.Received => Received,
        _ => Software,
    };

    /// <summary>Every exit status with its name and meaning, in the order docs/cli.md and <c>--help</c> list them.</summary>
    public static IReadOnlyList<(int Code, string Name, string Meaning)> Table { get; } =
    [
        (Accepted, "accepted", "send: the message was accepted; probe: a recipient was accepted; connect: greeting and EHLO ok"),
        (Rejected, "rejected", "a 5xx reply ended the check"),
        (Deferred, "deferred", "a 4xx reply (e.g. greylisting), or the connection lost mid-transaction (RFC 5321 §3.8)"),
        (Unreachable, "unreachable", "no mail server could be connected to (outbound port 25 may be blocked)"),
        (NoMailService, "noMailService", "the domain receives no mail: null MX (RFC 7505), NXDOMAIN, no MX and no address"),
        (DnsError, "dnsError", "DNS failed (SERVFAIL, timeout): where mail goes is unknown"),
        (TlsFailed, "tlsFailed", "TLS was required (or implicit) and could not be set up safely"),
        (ProtocolError, "protocolError", "the server broke the SMTP protocol"),
        (Timeout, "timeout", "a reply or the whole check ran out of time"),
        (Indeterminate, "indeterminate", "the connection dropped after the final \".\": the message may have been accepted"),
        (Blocked, "blocked", "the safety policy refused every address (see --allow-network, --allow-port)"),
        (Interrupted, "interrupted", "the check stopped on an internal error (or the server shut down)"),
        (Received, "received", "receive mode: a message arrived at the check's address and was judged (see its scorecard)"),
        (Cancelled, "cancelled", "cancelled with Ctrl-C or SIGTERM (QUIT was sent if a conversation was open)"),
        (Usage, "usage", "a flag or value is wrong (the message names it); nothing was sent"),
        (NoInput, "noInput", "the --body-file cannot be read"),
        (ServerUnavailable, "serverUnavailable", "--server: not reachable, not a MailCheck, or the stream broke"),
        (Software, "software", "mailcheck itself failed unexpectedly"),
        (ServerBusy, "serverBusy", "--server is busy or rate-limits you: try again later"),
        (ServerRefused, "serverRefused", "--server refused the check (its policy)"),
        (Config, "config", "the MailCheck__* environment configuration is not valid"),
    ];
}
