using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using MimeKit;

namespace MailCheck.Core.Pipeline;

/// <summary>
/// Everything one check's stages share: the validated request, DNS with the check's budget, the event stream, what
/// earlier stages found (MX hosts, the delivery result, the transcript so far) and the scorecard being filled.
/// Stages that must hand something to a later stage of their own use <see cref="Set{T}"/> and <see cref="Get{T}"/>.
/// </summary>
public sealed class CheckContext
{
    private readonly CheckEventSink _sink;
    private readonly Dictionary<Type, object> _features = [];
    private readonly Lock _featuresLock = new();

    internal CheckContext(SessionPlan plan, string? postureDomain, CheckEventSink sink, CheckDns dns, TimeProvider time, CheckProgress progress)
    {
        Plan = plan;
        PostureDomain = postureDomain;
        _sink = sink;
        Dns = dns;
        Time = time;
        Progress = progress;
    }

    public string CheckId => Plan.CheckId;

    /// <summary>The validated request (its <see cref="CheckRequest.Domain"/> is filled in and normalised).</summary>
    public CheckRequest Request => Plan.Request;

    /// <summary>The name MailCheck sends with EHLO/HELO.</summary>
    public string EhloName => Plan.EhloName;

    /// <summary>The envelope and header sender MailCheck uses.</summary>
    public MailboxAddress From => Plan.From;

    public IReadOnlyList<MailboxAddress> Recipients => Plan.Recipients;

    /// <summary>
    /// The domain whose posture is judged, in ASCII: the tested domain, or the recipients' domain when the check targets
    /// an address literal; null when there is none.
    /// </summary>
    public string? PostureDomain { get; }

    /// <summary>DNS for this check: budgeted, cached, every query shown.</summary>
    public CheckDns Dns { get; }

    public TimeProvider Time { get; }

    /// <summary>The MX lookup, once discovery ran (null for an address literal).</summary>
    public MxLookup? Mx { get; set; }

    /// <summary>The hosts the conversation will try, in order.</summary>
    public IReadOnlyList<MxHost> Hosts { get; set; } = [];

    /// <summary>
    /// The delivery outcome, once a stage decided it (discovery when there is no mail service, the conversation
    /// otherwise). Posture never changes it.
    /// </summary>
    public CheckResult? Result { get; set; }

    /// <summary>The scorecard being filled.</summary>
    public ScorecardBuilder Scorecard { get; } = new();

    /// <summary>Every event emitted so far, in order (what a posture stage judges "the session" by).</summary>
    public IReadOnlyList<CheckEvent> Transcript => _sink.Snapshot();

    internal SessionPlan Plan { get; }

    internal CheckProgress Progress { get; }

    internal CheckEventSink Sink => _sink;

    /// <summary>Emits a note from MailCheck (direction <see cref="EventDirection.Info"/>).</summary>
    public CheckEvent Info(EventKind kind, string text, CheckEventDetail? detail = null, TimeSpan? duration = null, string? host = null, string? explanation = null) =>
        _sink.Info(kind, text, detail, duration, host, secure: false, explanation);

    /// <summary>
    /// Emits a posture step's event carrying its scorecard items, and puts the items on the scorecard, so a live page
    /// fills its scorecard as each step completes.
    /// </summary>
    public CheckEvent Report(EventKind kind, string text, PostureDetail detail, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(detail);
        foreach (var item in detail.Items)
        {
            Scorecard.Set(item);
        }

        return _sink.Info(kind, text, detail, host: host);
    }

    public void Set<T>(T value)
        where T : class
    {
        lock (_featuresLock)
        {
            _features[typeof(T)] = value;
        }
    }

    public T? Get<T>()
        where T : class
    {
        lock (_featuresLock)
        {
            return _features.TryGetValue(typeof(T), out var value) ? (T)value : null;
        }
    }
}
