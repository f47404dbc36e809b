using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Matrix;

/// <summary>Builds a check's events by hand (numbered, timed), for unit tests of what is read from events.</summary>
internal sealed class EventScript
{
    private readonly List<CheckEvent> _events = [];
    private TimeSpan _elapsed;

    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<CheckEvent> Events => _events;

    public EventScript Add(EventKind kind, EventDirection direction, string text, EventTarget? target = null, CheckEventDetail? detail = null,
        int? code = null, string? enhanced = null, TimeSpan? duration = null, string? host = null)
    {
        _elapsed += duration ?? TimeSpan.FromMilliseconds(1);
        _events.Add(new CheckEvent
        {
            Seq = _events.Count + 1,
            At = Start + _elapsed,
            Elapsed = _elapsed,
            Duration = duration,
            Direction = direction,
            Kind = kind,
            Text = text,
            Code = code,
            EnhancedCode = enhanced,
            Host = host ?? target?.Host,
            Target = target,
            Detail = detail,
        });
        return this;
    }

    public EventScript Mx(string domain, params MxHost[] hosts) =>
        Add(EventKind.Mx, EventDirection.Info, $"MX for {domain}", detail: new MxDetail(domain, hosts, Implicit: false));

    public EventScript Plan(params EventTarget[] targets) =>
        Add(EventKind.Target, EventDirection.Info, "Testing every MX", detail: new TargetPlanDetail(targets, 4));

    public EventScript Connected(EventTarget t, int ms = 10) => Add(EventKind.Connect, EventDirection.Info, $"Connected to {t.Label}",
        t, new ConnectionDetail(t.Host, t.Address, t.Port, Connected: true), duration: TimeSpan.FromMilliseconds(ms));

    public EventScript Refused(EventTarget t) => Add(EventKind.Connect, EventDirection.Info, $"Connection to {t.Label} failed: connection refused",
        t, new ConnectionDetail(t.Host, t.Address, t.Port, Connected: false, "connection refused (Connection refused)"), duration: TimeSpan.FromMilliseconds(2));

    public EventScript Reply(EventTarget? t, EventKind kind, int code, string text, int ms = 5, CheckEventDetail? detail = null, string? enhanced = null) =>
        Add(kind, EventDirection.Server, text, t, detail, code, enhanced, TimeSpan.FromMilliseconds(ms));

    public EventScript Sent(EventTarget? t, EventKind kind, string text) => Add(kind, EventDirection.Client, text, t);

    public EventScript Ehlo(EventTarget? t, string name, long? size, bool startTls, int ms = 5, params string[] more)
    {
        var extensions = new List<string>(more);
        if (size is { } s)
        {
            extensions.Insert(0, $"SIZE {s}");
        }

        if (startTls)
        {
            extensions.Add("STARTTLS");
        }

        var lines = new[] { name }.Concat(extensions).ToList();
        var text = string.Join("\n", lines.Select((l, i) => (i == lines.Count - 1 ? "250 " : "250-") + l));
        return Reply(t, EventKind.Ehlo, 250, text, ms, new CapabilitiesDetail { Extensions = extensions, Size = size, StartTls = startTls });
    }

    public EventScript Tls(EventTarget? t, TlsDetail detail, int ms = 30) =>
        Add(EventKind.Tls, EventDirection.Info, detail.Succeeded ? $"TLS established: {detail.Protocol}" : $"TLS handshake failed: {detail.Error}", t, detail, duration: TimeSpan.FromMilliseconds(ms));

    public EventScript TargetDone(EventTarget t, CheckOutcome outcome, EventKind step, string summary, string? notTested = null) =>
        Add(EventKind.Target, EventDirection.Info, $"Result for {t.Tag}: {summary}", t,
            new TargetOutcomeDetail(new CheckResult { Outcome = outcome, Summary = summary, Step = step, Host = t.Host, Address = t.Address }) { NotTested = notTested });

    public EventScript Scorecard(params ScorecardItem[] items) =>
        Add(EventKind.Scorecard, EventDirection.Info, "Scorecard", detail: new ScorecardDetail(items, ScoreSummary.Of(items)));

    public EventScript Outcome(CheckOutcome outcome, string summary, string? host = null, string? address = null) =>
        Add(EventKind.Outcome, EventDirection.Info, summary, detail: new OutcomeDetail(new CheckResult { Outcome = outcome, Summary = summary, Host = host, Address = address }));

    /// <summary>A successful probe conversation with <paramref name="t"/>: banner, EHLO, (STARTTLS, TLS, EHLO,) MAIL, RCPT, RSET, QUIT.</summary>
    public EventScript Probe(EventTarget t, string banner, long? size, TlsDetail? tls, int rcptCode = 250, int rcptMs = 5)
    {
        Connected(t).Reply(t, EventKind.Banner, 220, banner).Sent(t, EventKind.Ehlo, "EHLO mailcheck.test").Ehlo(t, t.Host, size, tls is not null, 5, "PIPELINING");
        if (tls is not null)
        {
            Sent(t, EventKind.StartTls, "STARTTLS").Reply(t, EventKind.StartTls, 220, "220 2.0.0 Ready").Tls(t, tls).Ehlo(t, t.Host, size, false, 5, "PIPELINING");
        }

        return Sent(t, EventKind.Mail, "MAIL FROM:<a@example.org>").Reply(t, EventKind.Mail, 250, "250 2.1.0 Ok", enhanced: "2.1.0")
            .Sent(t, EventKind.Rcpt, "RCPT TO:<b@example.com>").Reply(t, EventKind.Rcpt, rcptCode, $"{rcptCode} recipient", rcptMs, enhanced: rcptCode == 250 ? "2.1.5" : "5.1.1")
            .Sent(t, EventKind.Rset, "RSET").Reply(t, EventKind.Rset, 250, "250 Ok")
            .Sent(t, EventKind.Quit, "QUIT").Reply(t, EventKind.Quit, 221, "221 Bye");
    }

    public static TlsDetail ValidTls(string host, DateTimeOffset? notAfter = null, string protocol = "TLS 1.3", string issuer = "CN=Test CA", string key = "AAAA") => new()
    {
        Succeeded = true,
        Protocol = protocol,
        CipherSuite = "TLS_AES_256_GCM_SHA384",
        Subject = $"CN={host}",
        Issuer = issuer,
        NotBefore = Start.AddDays(-30),
        NotAfter = notAfter ?? Start.AddDays(60),
        ChainValid = true,
        HostNameMatches = true,
        Fingerprint = key + "F",
        PublicKey = "ECDSA P-256",
        PublicKeySha256 = key,
    };
}
