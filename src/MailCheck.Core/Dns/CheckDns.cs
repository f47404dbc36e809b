using System.Collections.Concurrent;

namespace MailCheck.Core.Dns;

/// <summary>
/// DNS for one check: every stage queries through it. It enforces the check's budget of queries (a domain's owner
/// chooses how many names its records point to: without a cap one check could send thousands of queries), answers a
/// repeated question from this check's own cache, and reports every query sent, as it completes, so the transcript
/// shows DNS live. Thread-safe: stages may query in parallel.
/// </summary>
public sealed class CheckDns
{
    private readonly IDnsQuerier _querier;
    private readonly Action<DnsAnswer, string?>? _onQuery;
    private readonly Action<int>? _onBudgetExhausted;
    private readonly DnssecResolverStatus? _dnssec;
    private readonly ConcurrentDictionary<(string Name, DnsRecordType Type), Task<DnsAnswer>> _cache = new();
    private int _sent;
    private int _exhaustedReported;

    /// <param name="querier">Sends the queries.</param>
    /// <param name="budget">Most queries this check may send.</param>
    /// <param name="onQuery">Called once for every query sent, with its answer and purpose.</param>
    /// <param name="onBudgetExhausted">Called once, the first time a query is refused for the budget.</param>
    /// <param name="dnssec">Judges the DNSSEC state of every answer (<see cref="DnsAnswer.Dnssec"/>); none when null.</param>
    public CheckDns(IDnsQuerier querier, int budget, Action<DnsAnswer, string?>? onQuery = null, Action<int>? onBudgetExhausted = null, DnssecResolverStatus? dnssec = null)
    {
        ArgumentNullException.ThrowIfNull(querier);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        _querier = querier;
        Budget = budget;
        _onQuery = onQuery;
        _onBudgetExhausted = onBudgetExhausted;
        _dnssec = dnssec;
    }

    /// <summary>What this check may conclude about DNSSEC from its resolver; null when answers are not judged.</summary>
    public DnssecResolverStatus? Dnssec => _dnssec;

    /// <summary>Most queries this check may send.</summary>
    public int Budget { get; }

    /// <summary>Queries sent so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>True once a query was refused for the budget: some results are incomplete.</summary>
    public bool Exhausted => Volatile.Read(ref _exhaustedReported) == 1;

    public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
        QueryAsync(name, type, purpose: null, cancellationToken);

    /// <summary>
    /// Asks <paramref name="name"/> for <paramref name="type"/>, from this check's cache when it was asked before.
    /// A failed answer is cached too: asking again in the same check would only repeat the failure.
    /// </summary>
    public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, string? purpose, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var key = (Normalize(name), type);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var task = new Lazy<Task<DnsAnswer>>(() => SendAsync(key.Item1, type, purpose, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        var winner = _cache.GetOrAdd(key, _ => task.Value);
        if (winner.IsCanceled || winner.IsFaulted)
        {
            // A cancelled query is not an answer: do not keep it.
            _cache.TryRemove(new KeyValuePair<(string, DnsRecordType), Task<DnsAnswer>>(key, winner));
        }

        return winner;
    }

    private static string Normalize(string name) => DnsText.TrimDot(name.Trim()).ToLowerInvariant();

    private async Task<DnsAnswer> SendAsync(string name, DnsRecordType type, string? purpose, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sent) > Budget)
        {
            Interlocked.Decrement(ref _sent);
            if (Interlocked.Exchange(ref _exhaustedReported, 1) == 0)
            {
                _onBudgetExhausted?.Invoke(Budget);
            }

            return new DnsAnswer
            {
                Name = name,
                Type = type,
                Status = DnsResponseStatus.NotSent,
                Dnssec = _dnssec is null ? null : DnssecState.Indeterminate,
                Error = $"MailCheck sends at most {Budget} DNS queries per check, and this check has used them all",
            };
        }

        var answer = await _querier.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
        if (_dnssec is not null)
        {
            answer = answer with { Dnssec = _dnssec.Classify(answer) };
        }

        _onQuery?.Invoke(answer, purpose);
        return answer;
    }
}
