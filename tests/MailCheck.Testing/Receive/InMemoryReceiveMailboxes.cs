using System.Collections.Concurrent;
using MailCheck.Core.Checks;
using MailCheck.Core.Receive;

namespace MailCheck.Testing.Receive;

/// <summary>
/// Receive checks in memory, for tests of the listener: tokens mapped to checks, each check's events as appended (numbered
/// like the store numbers them), its stored message, and the same states the database keeps (waiting, held by one
/// transaction, used, closed). <see cref="WaitForOutcomeAsync"/> waits (bounded) for a check to end.
/// </summary>
public sealed class InMemoryReceiveMailboxes : IReceiveMailboxes
{
    private readonly ConcurrentDictionary<string, Mailbox> _byToken = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public InMemoryReceiveMailboxes(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many times a token was opened (held), over all tokens.</summary>
    public int Opened => _byToken.Values.Sum(m => m.Opened);

    /// <summary>A new waiting check; returns its token.</summary>
    public string Add(string checkId, TimeSpan? wait = null)
    {
        var token = ReceiveToken.New();
        _byToken[token] = new Mailbox(checkId, _time.GetUtcNow(), _time.GetUtcNow() + (wait ?? TimeSpan.FromMinutes(30)));
        return token;
    }

    /// <summary>Stops a check waiting (as a timeout or a cancel does).</summary>
    public void Close(string token) => _byToken[token].ClosedAt = _time.GetUtcNow();

    public Mailbox Get(string token) => _byToken[token];

    public Task<MailboxOpening> OpenAsync(string token, CancellationToken cancellationToken)
    {
        if (!_byToken.TryGetValue(token, out var box))
        {
            return Task.FromResult(MailboxOpening.Unknown);
        }

        lock (box)
        {
            if (box.ReceivedAt is { } received)
            {
                return Task.FromResult(new MailboxOpening(MailboxState.Used, Since: received));
            }

            if (box.ClosedAt is { } closed || _time.GetUtcNow() > box.ExpiresAt)
            {
                return Task.FromResult(new MailboxOpening(MailboxState.Closed, Since: box.ClosedAt ?? box.ExpiresAt));
            }

            if (box.Held)
            {
                return Task.FromResult(new MailboxOpening(MailboxState.Busy));
            }

            box.Held = true;
            box.Opened++;
            return Task.FromResult(new MailboxOpening(MailboxState.Open, new Recording(box, _time)));
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until the check of <paramref name="token"/> has an outcome; returns its events.</summary>
    public async Task<IReadOnlyList<CheckEvent>> WaitForOutcomeAsync(string token, TimeSpan? timeout = null)
    {
        var box = _byToken[token];
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await box.Finished.Task.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Check {box.CheckId} had no outcome in time; its events: " + string.Join(" | ", box.Events.Select(e => e.Text)));
        }

        return box.Events;
    }

    /// <summary>One receive check.</summary>
    public sealed class Mailbox(string checkId, DateTimeOffset startedAt, DateTimeOffset expiresAt)
    {
        private readonly List<CheckEvent> _events = [];

        public string CheckId { get; } = checkId;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset? ClosedAt { get; set; }

        public DateTimeOffset? ReceivedAt { get; set; }

        public bool Held { get; set; }

        public int Opened { get; set; }

        public int Releases { get; set; }

        public ReceivedEnvelope? Envelope { get; set; }

        public byte[]? Message { get; set; }

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<CheckEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        internal CheckEvent Append(CheckEvent draft)
        {
            lock (_events)
            {
                var e = draft with { Seq = _events.Count + 1, Elapsed = draft.At - StartedAt };
                _events.Add(e);
                if (e.Kind == EventKind.Outcome)
                {
                    Finished.TrySetResult();
                }

                return e;
            }
        }
    }

    private sealed class Recording(Mailbox box, TimeProvider time) : IReceiveRecording
    {
        public string CheckId => box.CheckId;

        public Task<CheckEvent> AppendAsync(CheckEvent draft, CancellationToken cancellationToken) => Task.FromResult(box.Append(draft));

        public Task<bool> StoreMessageAsync(ReceivedEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            lock (box)
            {
                if (box.ReceivedAt is not null || box.ClosedAt is not null)
                {
                    return Task.FromResult(false);
                }

                box.ReceivedAt = time.GetUtcNow();
                box.Envelope = envelope;
                box.Message = message.ToArray();
                return Task.FromResult(true);
            }
        }

        public Task ReleaseAsync(CancellationToken cancellationToken)
        {
            lock (box)
            {
                box.Held = false;
                box.Releases++;
            }

            return Task.CompletedTask;
        }
    }
}
