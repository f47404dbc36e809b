using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// Measures 2 and 3: checks submitted through <c>POST /api/checks</c> (several submitters, retrying while the queue
/// is full), timed from the first submission to the moment the last of them is finished, i.e. with every event
/// stored and published. Memory: the app's RSS after 1 000, 10 000, 100 000 checks.
/// </summary>
internal static class Throughput
{
    /// <summary><c>throughput --base URL --to ADDR --port P --posture false --count N [--warmup max(N, 1000)] [--submitters 4] [--key K]</c></summary>
    public static async Task<int> RunAsync(Args args)
    {
        using var app = new AppClient(args.Get("base"));
        var port = args.Int("port");
        var posture = args.Bool("posture", false);
        var to = args.Get("to");
        var count = args.Int("count");
        var key = args.Get("key", "throughput");
        var submitters = args.Int("submitters", 4);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(30));

        // Warm-up (JIT tiers, connection pools, SQLite pages): not timed. A freshly started app runs its first checks on
        // unoptimised (tier-0) code; on a busy 2-core machine the same app went from 25 to 72 to 106 checks/s over its
        // first 6 000 checks. A server is judged warm, as it runs for days: at least 1 000 checks first.
        await RunBatchAsync(app, args.Int("warmup", Math.Max(count, 1000)), submitters, _ => AppClient.Probe(to, port, posture), cts.Token).ConfigureAwait(false);
        var (seconds, outcomes) = await RunBatchAsync(app, count, submitters, _ => AppClient.Probe(to, port, posture), cts.Token).ConfigureAwait(false);
        Stats.Note($"{key}: {count} checks in {Stats.F(seconds, "0.00")} s; outcomes: {outcomes}");
        Stats.Result(key, count / seconds);
        Stats.Result(key + ".outcomes", outcomes.Replace(' ', '_'));
        return 0;
    }

    /// <summary><c>memory --base URL --pid PID --to ADDR --posture-to ADDR --port P --counts 1000,10000,100000 [--posture-every 10]</c></summary>
    public static async Task<int> MemoryAsync(Args args)
    {
        using var app = new AppClient(args.Get("base"));
        var pid = args.Int("pid");
        var port = args.Int("port");
        var to = args.Get("to");
        var postureTo = args.Get("posture-to");
        var postureEvery = args.Int("posture-every", 10);
        var submitters = args.Int("submitters", 4);
        var counts = args.Get("counts", "1000,10000,100000").Split(',').Select(int.Parse).ToList();
        using var cts = new CancellationTokenSource(TimeSpan.FromHours(2));

        // Every posture-every'th check judges posture against a loopback DNS name, so the stored history is realistic
        // (scorecards for the history page); the rest are bare probes to the sink's address.
        JsonObject Request(int i) => i % postureEvery == 0 ? AppClient.Probe(postureTo, port, posture: true) : AppClient.Probe(to, port, posture: false);

        var done = 0;
        Stats.Result("rss.start", ProcessMemory.RssKiB(pid) / 1024.0);
        foreach (var target in counts)
        {
            var batch = target - done;
            var (seconds, outcomes) = await RunBatchAsync(app, batch, submitters, i => Request(done + i), cts.Token).ConfigureAwait(false);
            done = target;
            await Task.Delay(TimeSpan.FromSeconds(3), cts.Token).ConfigureAwait(false);
            var rss = ProcessMemory.RssKiB(pid) / 1024.0;
            Stats.Note($"after {target} checks: RSS {Stats.F(rss)} MiB ({batch} in {Stats.F(seconds)} s, {Stats.F(batch / seconds)}/s; {outcomes})");
            Stats.Result($"rss.{target}", rss);
            Stats.Result($"rss.{target}.rate", batch / seconds);
        }

        return 0;
    }

    /// <summary>Submits <paramref name="count"/> checks and waits until all are finished; returns seconds and outcome counts.</summary>
    public static async Task<(double Seconds, string Outcomes)> RunBatchAsync(
        AppClient app, int count, int submitters, Func<int, JsonObject> request, CancellationToken cancellationToken)
    {
        var next = -1;
        var lastIds = new string?[submitters];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, submitters).Select(s => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    lastIds[s] = await app.SubmitAsync(request(i), cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken))).ConfigureAwait(false);

        // The queue is first in, first out: when the last submissions are finished, (nearly) all are. Then make sure.
        foreach (var id in lastIds.OfType<string>())
        {
            await app.WaitFinishedAsync(id, TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        while (true)
        {
            var newest = await app.NewestAsync(count, cancellationToken).ConfigureAwait(false);
            if (newest.All(c => c.Status == "finished"))
            {
                var outcomes = string.Join(" ", newest.GroupBy(c => c.Outcome ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
                return (seconds, outcomes);
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds; // some were still running: count until now
        }
    }
}
