using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Core.Receive;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Receive;

/// <summary>
/// Receive checks in the database (SQLite or PostgreSQL alike): created waiting, held by one SMTP transaction at a time
/// (a conditional update, so two connections — on two instances — can never both hold one), given their one message,
/// released, or closed without one (timeout, cancel). Events go through <see cref="ICheckStore"/> and the notifier, so
/// the live feed and every page see them as they happen, whichever instance received the message.
/// </summary>
public sealed class ReceiveStore(
    IDbContextFactory<MailCheckDbContext> contexts,
    ICheckStore checks,
    ICheckNotifier notifier,
    IReceiveCheckOwnership ownership,
    TimeProvider time)
{
    /// <summary>
    /// Creates a waiting receive check: the check (running from the start: it waits for no runner), its first event
    /// ("waiting for a message to ...") and its address, in one transaction.
    /// </summary>
    public async Task<ReceiveMailboxView> CreateAsync(string checkId, RedactedRequest request, string domain, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var token = ReceiveToken.New();
        var address = ReceiveToken.Address(token, domain);
        var expires = now + wait;
        var waiting = new CheckEvent
        {
            Seq = 1,
            At = now,
            Elapsed = TimeSpan.Zero,
            Direction = EventDirection.Info,
            Kind = EventKind.Receive,
            Text = $"Waiting for one message to {address} until {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Send it from the mail system you want judged.",
            Detail = new ReceiveWaitDetail(address, expires),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Checks.Add(new CheckRecord
        {
            Id = checkId,
            Domain = domain,
            Mode = CheckMode.Receive,
            Status = CheckStatus.Running,
            CreatedAt = now,
            StartedAt = now,
            LastSeq = 1,
            RequestJson = JsonSerializer.Serialize(request with { Domain = domain }, MailCheckJson.Options),
        });
        db.Events.Add(new CheckEventRecord { CheckId = checkId, Seq = 1, Kind = waiting.Kind, At = now, Json = JsonSerializer.Serialize(waiting, MailCheckJson.Options) });
        db.ReceiveMailboxes.Add(new ReceiveMailboxRecord { Token = token, CheckId = checkId, Address = address, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        return new ReceiveMailboxView(address, expires, null, null, false);
    }

    /// <summary>The address of a receive check and its state (never the message); null when the check has none.</summary>
    public async Task<ReceiveMailboxView?> GetAsync(string checkId, CancellationToken cancellationToken)
    {
        if (!CheckId.IsValid(checkId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReceiveMailboxes.AsNoTracking()
            .Where(b => b.CheckId == checkId)
            .Select(b => new ReceiveMailboxView(b.Address, b.ExpiresAt, b.ReceivedAt, b.ClosedAt, b.HeldBy != null && b.HeldUntil > now))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The stored message of a receive check with its envelope; null when none arrived (or the check is gone).</summary>
    public async Task<(ReceivedEnvelope Envelope, byte[] Message)?> GetMessageAsync(string checkId, CancellationToken cancellationToken)
    {
        if (!CheckId.IsValid(checkId))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ReceiveMailboxes.AsNoTracking()
            .Where(b => b.CheckId == checkId && b.Message != null && b.EnvelopeJson != null)
            .Select(b => new { b.EnvelopeJson, b.Message })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (JsonSerializer.Deserialize<ReceivedEnvelope>(row.EnvelopeJson!, MailCheckJson.Options)!, row.Message!);
    }

    /// <summary>
    /// Holds the check behind <paramref name="token"/> for the transaction <paramref name="holder"/> until
    /// <paramref name="until"/>, when it waits and nobody holds it; otherwise says why not.
    /// </summary>
    public async Task<MailboxOpening> OpenAsync(string token, string holder, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await db.ReceiveMailboxes
            .Where(b => b.Token == token && b.ReceivedAt == null && b.ClosedAt == null && b.ExpiresAt > now && (b.HeldBy == null || b.HeldUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldBy, holder).SetProperty(b => b.HeldUntil, until), cancellationToken);
        var box = await db.ReceiveMailboxes.AsNoTracking()
            .Where(b => b.Token == token)
            .Select(b => new { b.CheckId, b.ExpiresAt, b.ReceivedAt, b.ClosedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (box is null)
        {
            return MailboxOpening.Unknown;
        }

        if (held == 0)
        {
            return box.ReceivedAt is { } received ? new MailboxOpening(MailboxState.Used, Since: received)
                : box.ClosedAt is { } closed ? new MailboxOpening(MailboxState.Closed, Since: closed)
                : box.ExpiresAt <= now ? new MailboxOpening(MailboxState.Closed, Since: box.ExpiresAt)
                : new MailboxOpening(MailboxState.Busy);
        }

        var check = await db.Checks.AsNoTracking().Where(c => c.Id == box.CheckId)
            .Select(c => new { c.Status, c.StartedAt, c.CreatedAt, c.LastSeq })
            .FirstOrDefaultAsync(cancellationToken);
        if (check is null || check.Status == CheckStatus.Finished)
        {
            await LetGoAsync(token, holder, cancellationToken);
            return new MailboxOpening(MailboxState.Closed, Since: now);
        }

        await ownership.TakeAsync(box.CheckId, cancellationToken);
        return new MailboxOpening(MailboxState.Open, new ReceiveRecording(this, token, holder, box.CheckId, check.StartedAt ?? check.CreatedAt, check.LastSeq));
    }

    /// <summary>Stores the one message; false when the transaction no longer holds a waiting check.</summary>
    internal async Task<bool> StoreMessageAsync(string token, string holder, ReceivedEnvelope envelope, byte[] message, TimeSpan judgeHold, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var judgeUntil = now + judgeHold;
        var json = JsonSerializer.Serialize(envelope, MailCheckJson.Options);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ReceiveMailboxes
            .Where(b => b.Token == token && b.HeldBy == holder && b.ReceivedAt == null && b.ClosedAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(b => b.ReceivedAt, now)
                    .SetProperty(b => b.EnvelopeJson, json)
                    .SetProperty(b => b.Message, message)
                    .SetProperty(b => b.MessageSize, message.LongLength)
                    .SetProperty(b => b.HeldUntil, judgeUntil),
                cancellationToken);
        return stored == 1;
    }

    /// <summary>Appends an event of a held check and tells the live feed.</summary>
    internal async Task AppendAsync(string checkId, CheckEvent e, CancellationToken cancellationToken)
    {
        await checks.AppendAsync(checkId, e, cancellationToken);
        notifier.Publish(checkId, new CheckUpdate(e.Kind == EventKind.Outcome ? CheckStatus.Finished : CheckStatus.Running, e));
    }

    /// <summary>Ends a transaction's hold: the check goes on waiting (or, finished, is simply no longer held).</summary>
    internal async Task LetGoAsync(string token, string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var checkId = await db.ReceiveMailboxes.Where(b => b.Token == token).Select(b => b.CheckId).FirstOrDefaultAsync(cancellationToken);
        await db.ReceiveMailboxes
            .Where(b => b.Token == token && b.HeldBy == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldBy, (string?)null).SetProperty(b => b.HeldUntil, (DateTimeOffset?)null), cancellationToken);
        if (checkId is not null)
        {
            await ownership.ReleaseAsync(checkId, cancellationToken);
        }
    }

    /// <summary>
    /// Stops a check waiting without a message — its wait ran out (<see cref="CheckOutcome.Timeout"/>) or a person
    /// cancelled it (<see cref="CheckOutcome.Cancelled"/>) — unless a message arrived or a transaction holds it now.
    /// Writes a note and the outcome. False when it could not be closed.
    /// </summary>
    public async Task<bool> CloseAsync(string checkId, CheckOutcome outcome, string note, string summary, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var holder = $"closing:{Guid.NewGuid():N}";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var closed = await db.ReceiveMailboxes
            .Where(b => b.CheckId == checkId && b.ReceivedAt == null && b.ClosedAt == null && (b.HeldBy == null || b.HeldUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ClosedAt, now).SetProperty(b => b.HeldBy, holder).SetProperty(b => b.HeldUntil, now + TimeSpan.FromMinutes(1)), cancellationToken);
        if (closed == 0)
        {
            return false;
        }

        var check = await db.Checks.AsNoTracking().Where(c => c.Id == checkId && c.Status != CheckStatus.Finished)
            .Select(c => new { c.StartedAt, c.CreatedAt, c.LastSeq })
            .FirstOrDefaultAsync(cancellationToken);
        if (check is not null)
        {
            await ownership.TakeAsync(checkId, cancellationToken);
            var started = check.StartedAt ?? check.CreatedAt;
            var seq = check.LastSeq;
            await AppendAsync(checkId, new CheckEvent { Seq = ++seq, At = now, Elapsed = now - started, Direction = EventDirection.Info, Kind = EventKind.Receive, Text = note }, cancellationToken);
            var outcomeEvent = OutcomeEvents.Create(++seq, now, now - started, outcome, summary);
            await AppendAsync(checkId, outcomeEvent, cancellationToken);
        }

        await db.ReceiveMailboxes.Where(b => b.CheckId == checkId && b.HeldBy == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldBy, (string?)null).SetProperty(b => b.HeldUntil, (DateTimeOffset?)null), cancellationToken);
        return true;
    }

    /// <summary>Checks whose wait ran out without a message and that nobody holds (the timeout sweep).</summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReceiveMailboxes.AsNoTracking()
            .Where(b => b.ExpiresAt <= now && b.ReceivedAt == null && b.ClosedAt == null && (b.HeldBy == null || b.HeldUntil < now))
            .OrderBy(b => b.ExpiresAt)
            .Select(b => b.CheckId)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a check whose message was stored but whose verdicts never finished (the process judging it stopped), to
    /// judge it again; null when there is none, or another instance took it first.
    /// </summary>
    public async Task<(IReceiveRecording Recording, ReceivedEnvelope Envelope, byte[] Message)?> TakeStrandedAsync(string holder, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.ReceiveMailboxes.AsNoTracking()
            .Where(b => b.ReceivedAt != null && (b.HeldBy == null || b.HeldUntil < now)
                && db.Checks.Any(c => c.Id == b.CheckId && c.Status != CheckStatus.Finished))
            .Select(b => b.Token)
            .Take(5)
            .ToListAsync(cancellationToken);
        foreach (var token in candidates)
        {
            var taken = await db.ReceiveMailboxes
                .Where(b => b.Token == token && b.ReceivedAt != null && (b.HeldBy == null || b.HeldUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldBy, holder).SetProperty(b => b.HeldUntil, until), cancellationToken);
            if (taken == 0)
            {
                continue;
            }

            var box = await db.ReceiveMailboxes.AsNoTracking().Where(b => b.Token == token)
                .Select(b => new { b.CheckId, b.EnvelopeJson, b.Message })
                .FirstAsync(cancellationToken);
            var check = await db.Checks.AsNoTracking().Where(c => c.Id == box.CheckId)
                .Select(c => new { c.StartedAt, c.CreatedAt, c.LastSeq })
                .FirstAsync(cancellationToken);
            await ownership.TakeAsync(box.CheckId, cancellationToken);
            var envelope = JsonSerializer.Deserialize<ReceivedEnvelope>(box.EnvelopeJson!, MailCheckJson.Options)!;
            return (new ReceiveRecording(this, token, holder, box.CheckId, check.StartedAt ?? check.CreatedAt, check.LastSeq), envelope, box.Message!);
        }

        return null;
    }
}
