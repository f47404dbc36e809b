using MailCheck.Core.Documents;
using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;
using MailCheck.Web.Checks;
using MailCheck.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MailCheck.Web.Data;

/// <summary>
/// The EF Core store. Each read uses its own short-lived context, so concurrent checks never share one. Writes
/// (new checks, running marks, events) go through one <see cref="GroupCommitWriter"/>: whatever the running checks
/// write at the same moment is committed in one transaction, and each caller returns once its own write is stored.
/// <see cref="Scale.PostgresCheckStore"/> adds what several instances need (who holds a check, NOTIFY).
/// </summary>
public class EfCheckStore(IDbContextFactory<MailCheckDbContext> contexts, ILogger<EfCheckStore>? logger = null) : ICheckStore
{
    private const int MaxPageSize = 500;

    private readonly GroupCommitWriter _writer = new(contexts, (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    protected IDbContextFactory<MailCheckDbContext> Contexts => contexts;

    /// <summary>
    /// True: writes are group-committed (one writer, one transaction per batch; right for SQLite, which has one
    /// writer anyway). False: one transaction per write (PostgreSQL, where row locks let writers run side by side and
    /// each append also notifies other instances).
    /// </summary>
    protected virtual bool GroupCommit => true;

    public virtual Task CreateAsync(string id, string domain, RedactedRequest request, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var record = new CheckRecord
        {
            Id = id,
            Domain = domain,
            Mode = request.Mode,
            Status = CheckStatus.Queued,
            CreatedAt = createdAt,
            RequestJson = JsonSerializer.Serialize(request, MailCheckJson.Options),
        };
        return WriteAsync(db =>
        {
            db.Checks.Add(record);
            return Task.FromResult<Exception?>(null);
        });
    }

    /// <summary>
    /// One write: group-committed, or alone in its own transaction. Not cancellable once queued (a write is short, and
    /// a caller that gave up must not leave the database guessing whether it happened).
    /// </summary>
    private async Task WriteAsync(Func<MailCheckDbContext, Task<Exception?>> apply, Func<MailCheckDbContext, Task>? afterSave = null)
    {
        if (GroupCommit)
        {
            await _writer.WriteAsync(apply, afterSave);
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (await apply(db) is { } refused)
        {
            throw refused;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (afterSave is not null)
        {
            await afterSave(db);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Events.Where(e => e.CheckId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ReceiveMailboxes.Where(b => b.CheckId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Checks.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    public Task MarkRunningAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(async db =>
        {
            await db.Checks
                .Where(c => c.Id == id && c.Status == CheckStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CheckStatus.Running).SetProperty(c => c.StartedAt, startedAt));
            return null;
        });
    }

    public Task AppendAsync(string id, CheckEvent checkEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var result = OutcomeEvents.ResultOf(checkEvent);
        var record = new CheckEventRecord
        {
            CheckId = id,
            Seq = checkEvent.Seq,
            Kind = checkEvent.Kind,
            At = checkEvent.At,
            Json = JsonSerializer.Serialize(checkEvent, MailCheckJson.Options),
        };
        return WriteAsync(
            async db =>
            {
                // The check row first: it takes the row's lock, and only a check this writer may still append to matches.
                var held = Appendable(db.Checks.Where(c => c.Id == id));
                int updated;
                if (result is null)
                {
                    updated = await held.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeq, checkEvent.Seq));
                }
                else
                {
                    var summary = result.Summary.Length > 2000 ? result.Summary[..2000] : result.Summary;
                    updated = await held.ExecuteUpdateAsync(
                        s => s.SetProperty(c => c.LastSeq, checkEvent.Seq)
                            .SetProperty(c => c.Status, CheckStatus.Finished)
                            .SetProperty(c => c.Outcome, result.Outcome)
                            .SetProperty(c => c.Summary, summary)
                            .SetProperty(c => c.FinishedAt, checkEvent.At));
                }

                if (updated == 0)
                {
                    return new CheckNotHeldException(id);
                }

                db.Events.Add(record);
                return null;
            },
            db => AppendedAsync(db, id, checkEvent.Seq, CancellationToken.None));
    }

    public async Task<IReadOnlyList<CheckEvent>?> ReadEventsAsync(string id, int afterSeq, CancellationToken cancellationToken)
    {
        if (!CheckId.IsValid(id))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.Events.AsNoTracking()
            .Where(e => e.CheckId == id && e.Seq > afterSeq)
            .OrderBy(e => e.Seq)
            .Select(e => e.Json)
            .ToListAsync(cancellationToken);
        if (events.Count == 0 && !await db.Checks.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return null;
        }

        return events.Select(json => JsonSerializer.Deserialize<CheckEvent>(json, MailCheckJson.Options)!).ToList();
    }

    /// <summary>
    /// The rows an event may be appended to: here any unfinished check (nothing follows an outcome). Inside the
    /// append's transaction.
    /// </summary>
    protected virtual IQueryable<CheckRecord> Appendable(IQueryable<CheckRecord> check) =>
        check.Where(c => c.Status != CheckStatus.Finished);

    /// <summary>Runs inside the append's transaction, after the event row was written (e.g. to NOTIFY watchers).</summary>
    protected virtual Task AppendedAsync(MailCheckDbContext db, string id, int seq, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<StoredCheck?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!CheckId.IsValid(id))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var check = await db.Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (check is null)
        {
            return null;
        }

        var events = await db.Events.AsNoTracking()
            .Where(e => e.CheckId == id)
            .OrderBy(e => e.Seq)
            .Select(e => e.Json)
            .ToListAsync(cancellationToken);

        return new StoredCheck
        {
            Id = check.Id,
            Domain = check.Domain,
            Status = check.Status,
            Outcome = check.Outcome,
            Summary = check.Summary,
            CreatedAt = check.CreatedAt,
            StartedAt = check.StartedAt,
            FinishedAt = check.FinishedAt,
            Request = JsonSerializer.Deserialize<RedactedRequest>(check.RequestJson, MailCheckJson.Options) ?? new RedactedRequest(),
            Events = events.Select(json => JsonSerializer.Deserialize<CheckEvent>(json, MailCheckJson.Options)!).ToList(),
        };
    }

    public async Task<CheckHistoryPage> ListAsync(CheckQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<CheckRecord> checks = db.Checks.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Domain))
        {
            var domain = query.Domain.Trim().ToLowerInvariant();
            checks = query.ExactDomain ? checks.Where(c => c.Domain == domain) : checks.Where(c => c.Domain.Contains(domain));
        }

        if (query.CreatedBefore is { } before)
        {
            checks = checks.Where(c => c.CreatedAt < before);
        }

        if (query.Outcome is { } outcome)
        {
            checks = checks.Where(c => c.Outcome == outcome);
        }

        var total = await checks.CountAsync(cancellationToken);
        var items = await checks
            .OrderByDescending(c => c.CreatedAt)
            .ThenBy(c => c.Id)
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, MaxPageSize))
            .Select(c => new CheckSummary(c.Id, c.Domain, c.Mode, c.Status, c.Outcome, c.Summary, c.CreatedAt, c.FinishedAt))
            .ToListAsync(cancellationToken);
        return new CheckHistoryPage(await WithScoresAsync(db, items, cancellationToken), total);
    }

    /// <summary>Adds each check's score from its stored scorecard event (one query for the whole page).</summary>
    private static async Task<List<CheckSummary>> WithScoresAsync(MailCheckDbContext db, List<CheckSummary> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var ids = items.Select(i => i.Id).ToList();
        var scorecards = await db.Events.AsNoTracking()
            .Where(e => ids.Contains(e.CheckId) && e.Kind == EventKind.Scorecard)
            .Select(e => new { e.CheckId, e.Json })
            .ToListAsync(cancellationToken);
        var scores = new Dictionary<string, ScoreSummary>(StringComparer.Ordinal);
        foreach (var row in scorecards)
        {
            if (JsonSerializer.Deserialize<CheckEvent>(row.Json, MailCheckJson.Options)?.Detail is ScorecardDetail detail)
            {
                scores[row.CheckId] = detail.Summary;
            }
        }

        return [.. items.Select(i => scores.TryGetValue(i.Id, out var score) ? i with { Score = score } : i)];
    }

    public virtual async Task<int> InterruptUnfinishedAsync(string summary, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A receive check waits for a message, not for a runner: it outlives a restart (its address stays valid), and the
        // receive sweep ends it (timeout) or judges a message that arrived (Receive/ReceiveService).
        var unfinished = await db.Checks.Where(c => c.Status != CheckStatus.Finished && c.Mode != CheckMode.Receive).ToListAsync(cancellationToken);
        foreach (var check in unfinished)
        {
            var outcomeEvent = OutcomeEvents.Create(
                check.LastSeq + 1, at, at - (check.StartedAt ?? check.CreatedAt), CheckOutcome.Interrupted, summary);
            db.Events.Add(new CheckEventRecord
            {
                CheckId = check.Id,
                Seq = outcomeEvent.Seq,
                Kind = outcomeEvent.Kind,
                At = at,
                Json = JsonSerializer.Serialize(outcomeEvent, MailCheckJson.Options),
            });
            check.LastSeq = outcomeEvent.Seq;
            check.Status = CheckStatus.Finished;
            check.Outcome = CheckOutcome.Interrupted;
            check.Summary = summary;
            check.FinishedAt = at;
        }

        await db.SaveChangesAsync(cancellationToken);
        return unfinished.Count;
    }

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = db.Checks.Where(c => c.Status == CheckStatus.Finished && c.CreatedAt < before).Select(c => c.Id);
        await db.Events.Where(e => old.Contains(e.CheckId)).ExecuteDeleteAsync(cancellationToken);
        await db.ReceiveMailboxes.Where(b => old.Contains(b.CheckId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Checks.Where(c => c.Status == CheckStatus.Finished && c.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
