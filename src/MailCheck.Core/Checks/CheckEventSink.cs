using System.Threading.Channels;

namespace MailCheck.Core.Checks;

/// <summary>
/// Numbers, stamps and publishes the events of one check. Scrubs every registered secret from every text.
/// Thread-safe: DNS callbacks and connection attempts that run in parallel write to it at the same time, and the
/// numbering stays gapless and in the order of the stream. <see cref="ForTarget"/> gives a view that stamps every
/// event with the target of one connection attempt.
/// </summary>
internal sealed class CheckEventSink
{
    private readonly Shared _shared;

    public CheckEventSink(ChannelWriter<CheckEvent> writer, TimeProvider timeProvider)
    {
        _shared = new Shared(writer, timeProvider);
    }

    private CheckEventSink(Shared shared, EventTarget target)
    {
        _shared = shared;
        Target = target;
    }

    /// <summary>The target this view stamps on its events (null for the check-wide sink).</summary>
    public EventTarget? Target { get; }

    /// <summary>Time since the check began.</summary>
    public TimeSpan Elapsed => _shared.TimeProvider.GetElapsedTime(_shared.StartTimestamp);

    public int Count
    {
        get
        {
            lock (_shared.Lock)
            {
                return _shared.Seq;
            }
        }
    }

    /// <summary>
    /// A view of this sink whose events carry <paramref name="target"/> (and its host, when they name none). It shares
    /// the numbering, the secrets and the stream.
    /// </summary>
    public CheckEventSink ForTarget(EventTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new CheckEventSink(_shared, target);
    }

    /// <summary>Adds a string that must never appear in an event (a password, its base64 forms).</summary>
    public void AddSecret(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (_shared.Lock)
        {
            _shared.Secrets.Add(secret);
        }
    }

    /// <summary>Every event emitted so far, in order.</summary>
    public IReadOnlyList<CheckEvent> Snapshot()
    {
        lock (_shared.Lock)
        {
            return [.. _shared.Emitted];
        }
    }

    public CheckEvent Emit(CheckEvent draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var shared = _shared;
        lock (shared.Lock)
        {
            // Numbered, stamped and written under one lock: Seq order is stream order, with no gaps.
            var e = draft with
            {
                Seq = ++shared.Seq,
                At = shared.TimeProvider.GetUtcNow(),
                Elapsed = Elapsed,
                Text = Scrub(draft.Text),
                Explanation = draft.Explanation is null ? null : Scrub(draft.Explanation),
                Target = draft.Target ?? Target,
                Host = draft.Host ?? Target?.Host,
            };
            shared.Emitted.Add(e);
            shared.Writer.TryWrite(e);
            return e;
        }
    }

    public CheckEvent Info(EventKind kind, string text, CheckEventDetail? detail = null, TimeSpan? duration = null, string? host = null, bool secure = false, string? explanation = null) =>
        Emit(new CheckEvent
        {
            Seq = 0,
            At = default,
            Elapsed = default,
            Direction = EventDirection.Info,
            Kind = kind,
            Text = text,
            Detail = detail,
            Duration = duration,
            Host = host,
            Secure = secure,
            Explanation = explanation,
        });

    private string Scrub(string text)
    {
        foreach (var secret in _shared.Secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, SmtpCredentials.Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>What every view of one check's sink shares.</summary>
    private sealed class Shared(ChannelWriter<CheckEvent> writer, TimeProvider timeProvider)
    {
        public ChannelWriter<CheckEvent> Writer { get; } = writer;

        public TimeProvider TimeProvider { get; } = timeProvider;

        public long StartTimestamp { get; } = timeProvider.GetTimestamp();

        public List<string> Secrets { get; } = [];

        public List<CheckEvent> Emitted { get; } = [];

        public Lock Lock { get; } = new();

        public int Seq { get; set; }
    }
}
