using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Core.Matrix;
using MailCheck.Core.Receive;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Components.Transcript;

/// <summary>
/// What a result page shows, built from the stored check and the live updates in any order: events are kept by Seq,
/// so each appears exactly once and in order however the store and the notifier interleave.
/// </summary>
public sealed class CheckView
{
    private readonly SortedList<int, CheckEvent> _events = [];
    private MxMatrix? _matrix;
    private bool _matrixStale = true;

    public CheckView(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public CheckStatus Status { get; private set; } = CheckStatus.Queued;

    public RedactedRequest? Request { get; private set; }

    public string Domain { get; private set; } = "";

    public DateTimeOffset? CreatedAt { get; private set; }

    /// <summary>When the run began on the server: the stored start time, else what the first event says (At - Elapsed).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public IList<CheckEvent> Events => _events.Values;

    public CheckResult? Result { get; private set; }

    public MxDetail? Mx { get; private set; }

    public TlsDetail? Tls { get; private set; }

    public CapabilitiesDetail? Capabilities { get; private set; }

    /// <summary>Receive checks: the address and until when it waits (the check's first event).</summary>
    public ReceiveWaitDetail? ReceiveWait { get; private set; }

    /// <summary>Receive checks: the message that arrived, summarised (headers, MIME parts), once it did.</summary>
    public ReceivedMessageDetail? ReceivedMessage { get; private set; }

    /// <summary>True for a receive check.</summary>
    public bool IsReceive => Request?.Mode == CheckMode.Receive || ReceiveWait is not null;

    /// <summary>Receive checks: true once a sender connected and is talking (a message may be on its way).</summary>
    public bool SenderConnected => IsReceive && _events.Values.Any(e => e.Kind == EventKind.Connect);

    /// <summary>The scorecard so far (filled as each posture step completes); null before any posture step.</summary>
    public ScorecardSnapshot? Scorecard { get; private set; }

    /// <summary>True when the check judges posture (a scorecard is coming or came).</summary>
    public bool PostureRequested => Request?.Posture ?? true;

    /// <summary>True for an every-MX check (scope all): the page shows the matrix and tags transcript lines.</summary>
    public bool EveryMx => Request?.Scope == CheckScope.All;

    /// <summary>The MX matrix so far (Core's <see cref="MxMatrixBuilder"/>, the API's and the CLI's); null unless <see cref="EveryMx"/>.</summary>
    public MxMatrix? Matrix
    {
        get
        {
            if (!EveryMx)
            {
                return null;
            }

            if (_matrixStale || _matrix is null)
            {
                _matrix = MxMatrixBuilder.Build(_events.Values.ToList(), Request!.Mode, Request.Tls);
                _matrixStale = false;
            }

            return _matrix;
        }
    }

    /// <summary>The targets of an every-MX check, as planned (for reading the transcript one target at a time).</summary>
    public IReadOnlyList<EventTarget> Targets { get; private set; } = [];

    /// <summary>The MX host the outcome came from (or the last one connected to); none for an every-MX check.</summary>
    public string? UsedHost => EveryMx ? null : Result?.Host ?? OutcomeEvents.LastConnected(_events.Values)?.Host;

    public string? UsedAddress => EveryMx ? null : Result?.Address ?? OutcomeEvents.LastConnected(_events.Values)?.Address;

    public TimeSpan Elapsed => _events.Count == 0 ? TimeSpan.Zero : _events.Values[^1].Elapsed;

    public bool IsFinished => Status == CheckStatus.Finished;

    /// <summary>Takes in what the store holds.</summary>
    public void Load(StoredCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Request = check.Request;
        Domain = check.Domain;
        CreatedAt = check.CreatedAt;
        StartedAt ??= check.StartedAt;
        Raise(check.Status);
        foreach (var e in check.Events)
        {
            Add(e);
        }
    }

    /// <summary>Takes in a live update; returns true when something changed.</summary>
    public bool Apply(CheckUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var changed = Raise(update.Status);
        if (update.Event is not null)
        {
            changed |= Add(update.Event);
        }

        return changed;
    }

    /// <summary>Adds an event unless one with its Seq is already here.</summary>
    public bool Add(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        if (!_events.TryAdd(checkEvent.Seq, checkEvent))
        {
            return false;
        }

        _matrixStale = true;
        StartedAt ??= checkEvent.At - checkEvent.Elapsed;
        switch (checkEvent.Detail)
        {
            case MxDetail mx:
                Mx = mx;
                break;
            case TlsDetail tls:
                Tls = tls;
                break;
            case CapabilitiesDetail capabilities:
                Capabilities = capabilities;
                break;
            case OutcomeDetail outcome:
                Result = outcome.Result;
                break;
            case ReceiveWaitDetail wait:
                ReceiveWait = wait;
                break;
            case ReceivedMessageDetail message:
                ReceivedMessage = message;
                break;
            case PostureDetail or ScorecardDetail:
                Scorecard = ScorecardSnapshot.From(_events.Values);
                break;
            case TargetPlanDetail plan:
                Targets = plan.Targets;
                break;
        }

        Raise(checkEvent.Kind == EventKind.Outcome ? CheckStatus.Finished : CheckStatus.Running);
        return true;
    }

    /// <summary>Status only moves forward: queued, running, finished.</summary>
    private bool Raise(CheckStatus status)
    {
        if (status <= Status)
        {
            return false;
        }

        Status = status;
        return true;
    }
}
