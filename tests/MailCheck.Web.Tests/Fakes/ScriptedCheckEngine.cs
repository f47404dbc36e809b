using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;

namespace MailCheck.Web.Tests.Fakes;

/// <summary>
/// A stand-in engine: emits a realistic transcript for every request. With <see cref="HoldAfter"/> set, each run
/// pauses after that many events until <see cref="Release"/> is called, so tests can join mid-run.
/// </summary>
public sealed class ScriptedCheckEngine : ICheckEngine
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _paused = new();

    /// <summary>Every (id, request) the engine was asked to run, in order.</summary>
    public ConcurrentQueue<(string Id, CheckRequest Request)> Runs { get; } = new();

    /// <summary>When set, each run waits after this many events until <see cref="Release"/>.</summary>
    public int? HoldAfter { get; set; }

    public CheckOutcome Outcome { get; set; } = CheckOutcome.Accepted;

    public void Release() => _gate.TrySetResult();

    /// <summary>Completes when the run of <paramref name="id"/> has reached the hold point.</summary>
    public Task WaitUntilPausedAsync(string id) => _paused.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async IAsyncEnumerable<CheckEvent> RunAsync(string checkId, CheckRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Runs.Enqueue((checkId, request));
        var events = Script(request, Outcome);
        for (var i = 0; i < events.Count; i++)
        {
            if (HoldAfter == i)
            {
                _paused.GetOrAdd(checkId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                await _gate.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            yield return events[i];
        }
    }

    /// <summary>The transcript every run produces: DNS, MX, connect, banner, EHLO, MAIL, RCPT, DATA, QUIT, outcome.</summary>
    public static IReadOnlyList<CheckEvent> Script(CheckRequest request, CheckOutcome outcome = CheckOutcome.Accepted)
    {
        ArgumentNullException.ThrowIfNull(request);
        var domain = request.Domain ?? "example.com";
        var host = "mx1." + domain;
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var seq = 0;
        var events = new List<CheckEvent>();
        void Add(int ms, int? durationMs, EventDirection direction, EventKind kind, string text, int? code = null, string? enhanced = null, CheckEventDetail? detail = null, string? explanation = null) =>
            events.Add(new CheckEvent
            {
                Seq = ++seq,
                At = at.AddMilliseconds(ms),
                Elapsed = TimeSpan.FromMilliseconds(ms),
                Duration = durationMs is null ? null : TimeSpan.FromMilliseconds(durationMs.Value),
                Direction = direction,
                Kind = kind,
                Text = text,
                Code = code,
                EnhancedCode = enhanced,
                Explanation = explanation ?? (code is null ? null : $"Explanation of {code}"),
                Host = kind is EventKind.Dns or EventKind.Mx ? null : host,
                Detail = detail,
            });

        var mx = new MxDetail(domain, [new MxHost(host, 10, [new ResolvedAddress("127.0.0.2", 300)]), new MxHost("mx2." + domain, 20, [new ResolvedAddress("127.0.0.3", 300)])], false);
        Add(12, 12, EventDirection.Info, EventKind.Dns, $"MX {domain}: 10 {host}, 20 mx2.{domain}");
        Add(13, null, EventDirection.Info, EventKind.Mx, $"2 mail servers for {domain}", detail: mx);
        Add(20, 6, EventDirection.Info, EventKind.Connect, $"Connected to {host} [127.0.0.2]:{request.Port}", detail: new ConnectionDetail(host, "127.0.0.2", request.Port, true));
        Add(31, 11, EventDirection.Server, EventKind.Banner, $"220 {host} ESMTP ready", 220);
        Add(32, null, EventDirection.Client, EventKind.Ehlo, "EHLO mailcheck.localhost");
        Add(40, 8, EventDirection.Server, EventKind.Ehlo, $"250-{host}\n250-PIPELINING\n250 ENHANCEDSTATUSCODES", 250);
        Add(41, null, EventDirection.Client, EventKind.Mail, $"MAIL FROM:<{request.From}>");
        Add(47, 6, EventDirection.Server, EventKind.Mail, "250 2.1.0 Ok", 250, "2.1.0");
        Add(48, null, EventDirection.Client, EventKind.Rcpt, $"RCPT TO:<{(request.Recipients.Count > 0 ? request.Recipients[0] : "")}>");
        var (code, enhanced) = outcome == CheckOutcome.Rejected ? (550, "5.1.1") : (250, "2.1.5");
        Add(60, 12, EventDirection.Server, EventKind.Rcpt, $"{code} {enhanced} {(code == 550 ? "No such user" : "Ok")}", code, enhanced);
        Add(61, null, EventDirection.Client, EventKind.Quit, "QUIT");
        Add(65, 4, EventDirection.Server, EventKind.Quit, "221 2.0.0 Bye", 221, "2.0.0");
        var summary = outcome == CheckOutcome.Accepted ? $"Accepted by {host}" : $"Rejected at RCPT TO by {host}: 550 5.1.1";
        Add(66, null, EventDirection.Info, EventKind.Outcome, summary, detail: new OutcomeDetail(new CheckResult
        {
            Outcome = outcome,
            Summary = summary,
            Host = host,
            Address = "127.0.0.2",
            Step = EventKind.Rcpt,
            Code = code,
            EnhancedCode = enhanced,
        }));
        return events;
    }
}
