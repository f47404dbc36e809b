using MailCheck.Core.Documents;
using System.Collections.Concurrent;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Tests.Fakes;

/// <summary>A store in memory for component tests. <see cref="BeforeRead"/> runs inside GetAsync, to stage races.</summary>
public sealed class InMemoryCheckStore : ICheckStore
{
    private readonly ConcurrentDictionary<string, StoredCheck> _checks = new(StringComparer.Ordinal);

    /// <summary>Runs at the start of every read (<see cref="GetAsync"/>, <see cref="ReadEventsAsync"/>), e.g. to publish live events mid-read.</summary>
    public Action<string>? BeforeRead { get; set; }

    public void Put(StoredCheck check) => _checks[check.Id] = check;

    public Task CreateAsync(string id, string domain, RedactedRequest request, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        _checks[id] = new StoredCheck { Id = id, Domain = domain, Status = CheckStatus.Queued, CreatedAt = createdAt, Request = request };
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        _checks.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task MarkRunningAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        _checks.AddOrUpdate(id, _ => throw new KeyNotFoundException(id), (_, c) => c with { Status = CheckStatus.Running, StartedAt = startedAt });
        return Task.CompletedTask;
    }

    public Task AppendAsync(string id, CheckEvent checkEvent, CancellationToken cancellationToken)
    {
        _checks.AddOrUpdate(id, _ => throw new KeyNotFoundException(id), (_, c) =>
        {
            var result = OutcomeEvents.ResultOf(checkEvent);
            var updated = c with { Events = [.. c.Events, checkEvent] };
            return result is null
                ? updated
                : updated with { Status = CheckStatus.Finished, Outcome = result.Outcome, Summary = result.Summary, FinishedAt = checkEvent.At };
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CheckEvent>?> ReadEventsAsync(string id, int afterSeq, CancellationToken cancellationToken)
    {
        BeforeRead?.Invoke(id);
        return Task.FromResult<IReadOnlyList<CheckEvent>?>(_checks.TryGetValue(id, out var check)
            ? check.Events.Where(e => e.Seq > afterSeq).OrderBy(e => e.Seq).ToList()
            : null);
    }

    public Task<StoredCheck?> GetAsync(string id, CancellationToken cancellationToken)
    {
        BeforeRead?.Invoke(id);
        return Task.FromResult(_checks.TryGetValue(id, out var check) ? check : null);
    }

    public Task<CheckHistoryPage> ListAsync(CheckQuery query, CancellationToken cancellationToken)
    {
        var all = _checks.Values.OrderByDescending(c => c.CreatedAt).ToList();
        var items = all.Skip(query.Skip).Take(query.Take)
            .Select(c => new CheckSummary(c.Id, c.Domain, c.Request.Mode, c.Status, c.Outcome, c.Summary, c.CreatedAt, c.FinishedAt))
            .ToList();
        return Task.FromResult(new CheckHistoryPage(items, all.Count));
    }

    public Task<int> InterruptUnfinishedAsync(string summary, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var old = _checks.Values.Where(c => c.Status == CheckStatus.Finished && c.CreatedAt < before).ToList();
        foreach (var check in old)
        {
            _checks.TryRemove(check.Id, out _);
        }

        return Task.FromResult(old.Count);
    }
}
