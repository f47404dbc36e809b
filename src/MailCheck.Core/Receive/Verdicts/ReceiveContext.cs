using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;
using MimeKit;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// What the verdicts on one received message share: the envelope, the message, DNS with the check's budget (every
/// query shown), the scorecard being filled, and the event stream of the check.
/// </summary>
public sealed class ReceiveContext
{
    private readonly Action<CheckEvent> _emit;
    private readonly Dictionary<Type, object> _features = [];
    private readonly Lock _lock = new();

    internal ReceiveContext(ReceivedEnvelope envelope, byte[] raw, MimeMessage? message, string? parseError, CheckDns dns, TimeProvider time, Action<CheckEvent> emit)
    {
        Envelope = envelope;
        Raw = raw;
        Message = message;
        ParseError = parseError;
        Dns = dns;
        Time = time;
        _emit = emit;
        RemoteAddress = IPAddress.Parse(envelope.RemoteAddress);
    }

    public ReceivedEnvelope Envelope { get; }

    /// <summary>The message as received (after dot-unstuffing).</summary>
    public byte[] Raw { get; }

    /// <summary>The parsed message; null when it could not be parsed (<see cref="ParseError"/>).</summary>
    public MimeMessage? Message { get; }

    public string? ParseError { get; }

    public IPAddress RemoteAddress { get; }

    public CheckDns Dns { get; }

    public TimeProvider Time { get; }

    public ScorecardBuilder Scorecard { get; } = new();

    /// <summary>A note from MailCheck.</summary>
    public void Info(EventKind kind, string text, CheckEventDetail? detail = null) => _emit(new CheckEvent
    {
        Seq = 0,
        At = Time.GetUtcNow(),
        Elapsed = default,
        Direction = EventDirection.Info,
        Kind = kind,
        Text = text,
        Detail = detail,
    });

    /// <summary>A verdict's event carrying its items; the items go on the scorecard at once (a live page fills it step by step).</summary>
    public void Report(EventKind kind, string text, PostureDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        foreach (var item in detail.Items)
        {
            Scorecard.Set(item);
        }

        Info(kind, text, detail);
    }

    public void Set<T>(T value)
        where T : class
    {
        lock (_lock)
        {
            _features[typeof(T)] = value;
        }
    }

    public T? Get<T>()
        where T : class
    {
        lock (_lock)
        {
            return _features.TryGetValue(typeof(T), out var v) ? (T)v : null;
        }
    }
}
