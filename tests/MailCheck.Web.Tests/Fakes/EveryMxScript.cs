using MailCheck.Core.Checks;
using MailCheck.Core.Dns;

namespace MailCheck.Web.Tests.Fakes;

/// <summary>
/// The stored events of an every-MX probe of example.com: mx1 [127.0.0.2] accepts with STARTTLS, mx2 [127.0.0.3] accepts
/// without STARTTLS and with a smaller SIZE, mx2 [::1] refuses the connection.
/// </summary>
public static class EveryMxScript
{
    public static readonly EventTarget One = new(1, "mx1.example.com", "127.0.0.2", 25);
    public static readonly EventTarget Two = new(2, "mx2.example.com", "127.0.0.3", 25);
    public static readonly EventTarget Three = new(3, "mx2.example.com", "::1", 25);

    public static readonly CheckRequest Request = new()
    {
        Domain = "example.com",
        From = "sender@example.org",
        Recipients = ["postmaster@example.com"],
        Mode = CheckMode.Probe,
        Scope = CheckScope.All,
    };

    public static IReadOnlyList<CheckEvent> Events()
    {
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var events = new List<CheckEvent>();
        void Add(EventTarget? t, EventDirection direction, EventKind kind, string text, int? code = null, int? ms = null, CheckEventDetail? detail = null) =>
            events.Add(new CheckEvent
            {
                Seq = events.Count + 1,
                At = at.AddMilliseconds(events.Count * 10),
                Elapsed = TimeSpan.FromMilliseconds(events.Count * 10),
                Duration = ms is null ? null : TimeSpan.FromMilliseconds(ms.Value),
                Direction = direction,
                Kind = kind,
                Text = text,
                Code = code,
                Host = t?.Host,
                Target = t,
                Detail = detail,
            });

        Add(null, EventDirection.Info, EventKind.Mx, "MX for example.com", detail: new MxDetail("example.com",
            [new MxHost("mx1.example.com", 10, [new ResolvedAddress("127.0.0.2", 300)]), new MxHost("mx2.example.com", 20, [new ResolvedAddress("127.0.0.3", 300), new ResolvedAddress("::1", 300)])], false));
        Add(null, EventDirection.Info, EventKind.Target, "Testing every MX: 3 addresses of 2 MX hosts", detail: new TargetPlanDetail([One, Two, Three], 4));
        foreach (var (t, startTls, size) in new[] { (One, true, 10240000L), (Two, false, 5242880L) })
        {
            Add(t, EventDirection.Info, EventKind.Connect, $"Connected to {t.Label}:25", ms: 3, detail: new ConnectionDetail(t.Host, t.Address, 25, true));
            Add(t, EventDirection.Server, EventKind.Banner, $"220 {t.Host} ESMTP", 220, 12);
            Add(t, EventDirection.Client, EventKind.Ehlo, "EHLO mailcheck.localhost");
            var extensions = startTls ? new[] { $"SIZE {size}", "STARTTLS" } : [$"SIZE {size}"];
            Add(t, EventDirection.Server, EventKind.Ehlo, $"250-{t.Host}\n" + string.Join("\n", extensions.Select((x, i) => (i == extensions.Length - 1 ? "250 " : "250-") + x)), 250, 5,
                new CapabilitiesDetail { Extensions = extensions, Size = size, StartTls = startTls });
            if (startTls)
            {
                Add(t, EventDirection.Client, EventKind.StartTls, "STARTTLS");
                Add(t, EventDirection.Server, EventKind.StartTls, "220 2.0.0 Ready", 220, 2);
                Add(t, EventDirection.Info, EventKind.Tls, "TLS established: TLS 1.3", ms: 20, detail: new TlsDetail
                {
                    Succeeded = true, Protocol = "TLS 1.3", Subject = $"CN={t.Host}", Issuer = "CN=Test CA",
                    NotBefore = at.AddDays(-10), NotAfter = at.AddDays(80), ChainValid = true, HostNameMatches = true,
                });
            }

            Add(t, EventDirection.Client, EventKind.Mail, "MAIL FROM:<sender@example.org>");
            Add(t, EventDirection.Server, EventKind.Mail, "250 2.1.0 Ok", 250, 4);
            Add(t, EventDirection.Client, EventKind.Rcpt, "RCPT TO:<postmaster@example.com>");
            Add(t, EventDirection.Server, EventKind.Rcpt, "250 2.1.5 Ok", 250, 6);
            Add(t, EventDirection.Info, EventKind.Target, $"Result for {t.Tag}: Accepted", detail: new TargetOutcomeDetail(new CheckResult
            {
                Outcome = CheckOutcome.Accepted, Summary = $"Accepted at RCPT TO by {t.Host}", Step = EventKind.Rcpt, Host = t.Host, Address = t.Address,
            }));
        }

        Add(Three, EventDirection.Info, EventKind.Connect, "Connection to mx2.example.com [::1]:25 failed: connection refused", ms: 1,
            detail: new ConnectionDetail(Three.Host, Three.Address, 25, false, "connection refused"));
        const string unreachable = "Unreachable: could not connect to mx2.example.com [::1]:25: connection refused";
        Add(Three, EventDirection.Info, EventKind.Target, $"Result for [3]: {unreachable}", detail: new TargetOutcomeDetail(new CheckResult
        {
            Outcome = CheckOutcome.Unreachable, Summary = unreachable, Step = EventKind.Connect, Host = Three.Host, Address = Three.Address,
        }));
        var summary = $"2 of 3 targets accepted; first not accepted, [3] mx2.example.com [::1]: {unreachable}";
        Add(null, EventDirection.Info, EventKind.Outcome, summary, detail: new OutcomeDetail(new CheckResult
        {
            Outcome = CheckOutcome.Unreachable, Summary = summary, Step = EventKind.Connect, Host = Three.Host, Address = Three.Address,
        }));
        return events;
    }
}
