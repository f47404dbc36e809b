using System.Net;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// Measure 4: a server reply sent → its line in Chromium's DOM, through nginx. One page watches a probe of the gated
/// server (its banner held until the page is live, then one reply every <c>--delay</c> ms); repeated <c>--rounds</c>
/// times, every reply of every round is a sample.
/// </summary>
internal static class LiveLatency
{
    /// <summary><c>latency --base NGINX_URL --smtp 127.0.0.91:15401 [--rounds 10] [--delay 50] [--recipients 5]</c></summary>
    public static async Task<int> RunAsync(Args args)
    {
        var endpoint = IPEndPoint.Parse(args.Get("smtp"));
        await using var server = new GatedSmtpServer(endpoint) { ReplyDelay = TimeSpan.FromMilliseconds(args.Int("delay", 50)) };
        using var app = new AppClient(args.Get("base"));
        await using var browser = await Browser.LaunchAsync().ConfigureAwait(false);
        var rounds = args.Int("rounds", 10);
        var recipients = args.Int("recipients", 5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));

        var samples = new List<double>();
        var toEngine = new List<double>();
        var engineToDom = new List<double>();
        var missing = 0;
        for (var round = 0; round <= rounds; round++)
        {
            server.Close();
            var request = AppClient.Probe($"postmaster@[{endpoint.Address}]", endpoint.Port, posture: false);
            request["to"] = new System.Text.Json.Nodes.JsonArray([.. Enumerable.Range(1, recipients).Select(i => (System.Text.Json.Nodes.JsonNode)$"user{i}@[{endpoint.Address}]")]);
            var id = await app.SubmitAsync(request, cts.Token).ConfigureAwait(false);
            var page = await browser.OpenLiveAsync(new Uri(app.BaseAddress, $"checks/{id}").ToString()).ConfigureAwait(false);
            var before = server.Sent.Keys.ToHashSet(StringComparer.Ordinal);
            server.Open();
            await Browser.WaitFinishedAsync(page).ConfigureAwait(false);
            var lines = await Browser.LinesAsync(page).ConfigureAwait(false);
            await Browser.CloseAsync(page).ConfigureAwait(false);
            var sent = server.Sent.Where(s => !before.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            var seen = lines.Where(l => l.Token is not null).GroupBy(l => l.Token!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(l => l.T), StringComparer.Ordinal);
            if (round == 0)
            {
                continue; // warm-up round: JIT, the first circuit, nginx's first upstream connection
            }

            // Where the time goes: the engine stamps each reply event when it has read it ("at"), before it is stored,
            // published and rendered.
            var document = await app.GetAsync(id, cts.Token).ConfigureAwait(false);
            var read = document["events"]!.AsArray()
                .Select(e => (Token: ReplyToken.Of(e!["text"]?.GetValue<string>() ?? ""), At: e!["at"]!.GetValue<DateTimeOffset>()))
                .Where(e => e.Token is not null)
                .ToDictionary(e => e.Token!, e => (e.At - DateTimeOffset.UnixEpoch).TotalMilliseconds, StringComparer.Ordinal);
            foreach (var (token, at) in sent)
            {
                if (seen.TryGetValue(token, out var shown))
                {
                    samples.Add(shown - at);
                    if (read.TryGetValue(token, out var readAt))
                    {
                        toEngine.Add(readAt - at);
                        engineToDom.Add(shown - readAt);
                    }
                }
                else
                {
                    missing++;
                }
            }
        }

        Stats.Note($"live latency: {samples.Count} replies, p50 {Stats.F(Stats.Median(samples))} ms, p95 {Stats.F(Stats.Percentile(samples, 0.95))} ms, max {Stats.F(samples.Max())} ms, not seen {missing}");
        Stats.Result("latency.p50", Stats.Median(samples));
        Stats.Result("latency.p95", Stats.Percentile(samples, 0.95));
        Stats.Note($"  of which sent → read by the engine p50 {Stats.F(Stats.Median(toEngine))} p95 {Stats.F(Stats.Percentile(toEngine, 0.95))} ms; read → in the DOM (store, publish, render, nginx, browser) p50 {Stats.F(Stats.Median(engineToDom))} p95 {Stats.F(Stats.Percentile(engineToDom, 0.95))} ms");
        Stats.Result("latency.engine.p95", Stats.Percentile(toEngine, 0.95));
        Stats.Result("latency.todom.p50", Stats.Median(engineToDom));
        Stats.Result("latency.todom.p95", Stats.Percentile(engineToDom, 0.95));
        Stats.Result("latency.samples", samples.Count);
        Stats.Result("latency.missing", missing);
        return 0;
    }
}
