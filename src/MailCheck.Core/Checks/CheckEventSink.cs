using System.Threading.Channels;

namespace MailCheck.Core.Checks;

/// <summary>
/// Numbers, stamps and publishes the events of one check. Scrubs every registered secret from every text.
/// Thread-safe: DNS callbacks may arrive on other threads.
/// </summary>
internal sealed class CheckEventSink
{
    private readonly ChannelWriter<CheckEvent> _writer;
    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;
    private readonly List<string> _secrets = [];
    private readonly List<CheckEvent> _emitted = [];
    private readonly Lock _lock = new();
    private int _seq;

    public CheckEventSink(ChannelWriter<CheckEvent> writer, TimeProvider timeProvider)
    {
        _writer = writer;
        _timeProvider = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>Time since the check began.</summary>
    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startTimestamp);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seq;
            }
        }
    }

    /// <summary>Adds a string that must never appear in an event (a password, its base64 forms).</summary>
    public void AddSecret(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (_lock)
        {
            _secrets.Add(secret);
        }
    }

    /// <summary>Every event emitted so far, in order.</summary>
    public IReadOnlyList<CheckEvent> Snapshot()
    {
        lock (_lock)
        {
            return [.. _emitted];
        }
    }

    public CheckEvent Emit(CheckEvent draft)
    {
        lock (_lock)
        {
            var e = draft with
            {
                Seq = ++_seq,
                At = _timeProvider.GetUtcNow(),
                Elapsed = Elapsed,
                Text = Scrub(draft.Text),
                Explanation = draft.Explanation is null ? null : Scrub(draft.Explanation),
            };
            _emitted.Add(e);
            _writer.TryWrite(e);
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
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, SmtpCredentials.Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
