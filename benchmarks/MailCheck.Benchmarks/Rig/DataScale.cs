using System.Net;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// Measure 6: with many stored checks, the history page's first render (its prerendered HTML, which is what the
/// browser paints first), a result page, and <c>GET /api/checks?limit=50</c>, each requested <c>--samples</c> times
/// through nginx, one at a time: p50/p95 of the whole response.
/// </summary>
internal static class DataScale
{
    /// <summary><c>datascale --base NGINX_URL [--samples 40]</c></summary>
    public static async Task<int> RunAsync(Args args)
    {
        using var app = new AppClient(args.Get("base"));
        var samples = args.Int("samples", 40);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var list = await app.GetJsonAsync("api/checks?limit=50", cts.Token).ConfigureAwait(false);
        var total = list["total"]!.GetValue<int>();
        var ids = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Stats.Result("datascale.checks", total);

        // Result pages of checks spread over the history (the newest 50 and some from deep pages).
        var deep = (await app.TimeGetAsync($"api/checks?limit=50&offset={Math.Max(0, total - 100)}", cts.Token).ConfigureAwait(false)).Ms;
        Stats.Note($"a page at offset {total - 100}: {Stats.F(deep)} ms");
        var random = new Random(15);
        foreach (var (key, path) in new (string, Func<int, string>)[]
        {
            ("datascale.history", _ => "checks"),
            ("datascale.result", i => $"checks/{ids[random.Next(ids.Count)]}"),
            ("datascale.api", _ => "api/checks?limit=50"),
        })
        {
            var times = new List<double>();
            for (var i = 0; i <= samples; i++)
            {
                var (status, ms, bytes) = await app.TimeGetAsync(path(i), cts.Token).ConfigureAwait(false);
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path(i)} answered {(int)status}");
                }

                if (i > 0)
                {
                    times.Add(ms); // the first is a warm-up
                }
            }

            Stats.Note($"{key}: p50 {Stats.F(Stats.Median(times))} ms, p95 {Stats.F(Stats.Percentile(times, 0.95))} ms");
            Stats.Result(key + ".p50", Stats.Median(times));
            Stats.Result(key + ".p95", Stats.Percentile(times, 0.95));
        }

        return 0;
    }
}
