namespace MailCheck.Core.Checks;

/// <summary>
/// The step an event belongs to. New kinds of checks (SPF, DKIM, DMARC, MTA-STS, DANE, PTR, blocklists ...)
/// add members here and emit more events into the same stream.
/// </summary>
public enum EventKind
{
    /// <summary>A DNS query and its answer.</summary>
    Dns,

    /// <summary>The MX hosts found (detail: <see cref="MxDetail"/>).</summary>
    Mx,

    /// <summary>The safety policy refused an address or port.</summary>
    Policy,

    /// <summary>A TCP connection attempt (detail: <see cref="ConnectionDetail"/>).</summary>
    Connect,

    /// <summary>The TLS handshake and certificate (detail: <see cref="TlsDetail"/>).</summary>
    Tls,

    Banner,
    Ehlo,
    Helo,
    StartTls,
    Auth,
    Mail,
    Rcpt,
    Data,

    /// <summary>The message itself, summarised as its headers plus "N bytes, M lines".</summary>
    Message,

    Rset,
    Quit,

    /// <summary>A fault: timeout, drop, protocol error.</summary>
    Error,

    /// <summary>The last event of every check (detail: <see cref="OutcomeDetail"/>).</summary>
    Outcome,

    /// <summary>SPF (RFC 7208) of the domain: record, include tree, lookup count.</summary>
    Spf,

    /// <summary>DMARC (RFC 9989) of the domain: discovery and policy.</summary>
    Dmarc,

    /// <summary>DKIM (RFC 6376) keys found under the domain's selectors.</summary>
    Dkim,

    /// <summary>SMTP TLS reporting (RFC 8460).</summary>
    TlsRpt,

    /// <summary>BIMI (information only).</summary>
    Bimi,

    /// <summary>Reverse DNS of the mail servers (PTR and forward confirmation).</summary>
    Ptr,

    /// <summary>DNS blocklists (RFC 5782).</summary>
    Blocklist,

    /// <summary>How receivers see MailCheck's own mail: egress address, its PTR, SPF and DMARC of the test message.</summary>
    Egress,

    /// <summary>The scorecard, once, after the conversation (detail: <see cref="Scorecard.ScorecardDetail"/>).</summary>
    Scorecard,

    /// <summary>Receive mode: a note about the check's address (waiting, still waiting after a transaction without a message).</summary>
    Receive,

    /// <summary>Receive mode: any other command a sender gave (NOOP, VRFY, HELP, an unknown verb ...).</summary>
    Command,

    /// <summary>Receive mode: the ARC chain of a received message (RFC 8617).</summary>
    Arc,

    /// <summary>Receive mode: whether the message came over TLS, and which.</summary>
    Transport,

    /// <summary>Receive mode: message hygiene (From, Date, Message-ID, line endings, unsubscribe headers, size).</summary>
    Hygiene,

    /// <summary>
    /// Every MX at once (scope all): the targets planned (detail: <see cref="TargetPlanDetail"/>), then each target's
    /// result (detail: <see cref="TargetOutcomeDetail"/>).
    /// </summary>
    Target,

    /// <summary>MTA-STS (RFC 8461): the TXT record and policy before connecting, the MX used judged against it after (detail: <see cref="Posture.MtaSts.MtaStsDetail"/>).</summary>
    MtaSts,

    /// <summary>TLS verdicts for each MX address connected: STARTTLS, version, certificate (detail: <see cref="Posture.Tls.TlsVerdictDetail"/>).</summary>
    TlsVerdict,

    /// <summary>DNSSEC of the MX records and the MX hosts' addresses (RFC 4033-4035).</summary>
    Dnssec,

    /// <summary>DANE for SMTP (RFC 7672): the TLSA records before connecting, the match against the presented chain after.</summary>
    Dane,
}
