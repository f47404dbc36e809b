using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
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

    /// <summary>The scorecard so far (filled as each posture step completes); null before any posture step.</summary>
    public ScorecardSnapshot? Scorecard { get; private set; }

    /// <summary>True when the check judges posture (a scorecard is coming or came).</summary>
    public bool PostureRequested => Request?.Posture ?? true;

    /// <summary>The MX host the outcome came from (or the last one connected to).</summary>
    public string? UsedHost => Result?.Host ?? OutcomeEvents.LastConnected(_events.Values)?.Host;

    public string? UsedAddress => Result?.Address ?? OutcomeEvents.LastConnected(_events.Values)?.Address;

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
            case PostureDetail or ScorecardDetail:
                Scorecard = ScorecardSnapshot.From(_events.Values);
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
