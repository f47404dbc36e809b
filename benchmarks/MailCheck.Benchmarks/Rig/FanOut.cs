using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// Measure 5: one running check watched by N hub clients (SignalR, WebSockets, through nginx) and M Chromium pages.
/// Every watcher must get every event once, in order; the last reply's way from the server to the last watcher is
/// timed; the app's RSS is read before the watchers, after the hub clients and after the pages.
/// </summary>
internal static class FanOut
{
    /// <summary><c>fanout --base NGINX_URL --pid PID --smtp 127.0.0.92:15402 [--hubs 500] [--pages 50] [--recipients 5] [--delay 50] [--floor URL] [--blazor-floor URL] [--blazor-floor-10 URL] [--profile false]</c></summary>
    public static async Task<int> RunAsync(Args args)
    {
        var endpoint = IPEndPoint.Parse(args.Get("smtp"));
        var pid = args.Int("pid");
        var hubs = args.Int("hubs", 500);
        var pages = args.Int("pages", 50);
        // A V8 sampling profile of the first page (every 200 µs) slows that page, which is one of the measured
        // watchers: only on request (--profile true, BENCH_PROFILE=1).
        var profile = args.Bool("profile", false);
        // A Chromium trace (every process, devtools.timeline) of the measured round's wait at the gate and live
        // phase, for chrome://tracing or Perfetto: only on request (--trace path, BENCH_TRACE=1).
        var trace = args.Get("trace", "");
        await using var server = new GatedSmtpServer(endpoint) { ReplyDelay = TimeSpan.FromMilliseconds(args.Int("delay", 50)) };
        using var app = new AppClient(args.Get("base"));
        await using var browser = await Browser.LaunchAsync().ConfigureAwait(false);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var request = AppClient.Probe($"postmaster@[{endpoint.Address}]", endpoint.Port, posture: false);
        request["to"] = new JsonArray([.. Enumerable.Range(1, args.Int("recipients", 5)).Select(i => (JsonNode)$"user{i}@[{endpoint.Address}]")]);

        // Warm-up: a few watchers of one check, so code paths are loaded before the baseline is read.
        await RoundAsync(app, server, browser, request, hubWatchers: 10, pageWatchers: 2, pid: null, profile: false, cts.Token).ConfigureAwait(false);
        var result = await RoundAsync(app, server, browser, request, hubs, pages, pid, profile, cts.Token, trace).ConfigureAwait(false);

        // The references: as many bare live pages, sent as many lines as far apart (FloorServer), and as many bare live
        // Blazor Server pages (benchmarks/MailCheck.BlazorFloor): what the pages cost without any framework, and with
        // the framework MailCheck's page is built on but nothing of MailCheck's.
        // With --trace, each reference round is traced too, beside the measured one (-floor, -blazorfloor, -blazorfloor10).
        string Trace(string key) => trace.Length == 0 ? "" : Path.ChangeExtension(trace, null) + "-" + key + Path.GetExtension(trace);
        var floor = await BareFloorRoundAsync(browser, args.Get("floor", ""), pages, result.Events, server.ReplyDelay, Trace("floor"), cts.Token).ConfigureAwait(false);
        var blazorFloor = await BlazorFloorRoundAsync(browser, args.Get("blazor-floor", ""), pages, result.Events, server.ReplyDelay, Trace("blazorfloor"), cts.Token).ConfigureAwait(false);
        var blazorFloor10 = await BlazorFloorRoundAsync(browser, args.Get("blazor-floor-10", ""), pages, result.Events, server.ReplyDelay, Trace("blazorfloor10"), cts.Token).ConfigureAwait(false);

        Stats.Note($"fan-out: {hubs} hub clients + {pages} pages; last reply → hub p50 {Stats.F(Stats.Median(result.HubLast))} p95 {Stats.F(Stats.Percentile(result.HubLast, 0.95))} max {Stats.F(result.HubLast.DefaultIfEmpty(double.NaN).Max())} ms; → page p50 {Stats.F(Stats.Median(result.PageLast))} p95 {Stats.F(Stats.Percentile(result.PageLast, 0.95))} max {Stats.F(result.PageLast.DefaultIfEmpty(double.NaN).Max())} ms");
        Stats.Note($"fan-out: {result.Events} events; hub watchers complete and in order: {result.HubComplete}/{hubs}; pages: {result.PagesComplete}/{pages}; RSS {Stats.F(result.RssBase)} → {Stats.F(result.RssHubs)} → {Stats.F(result.RssPages)} MiB");
        var cpu = result.LiveCpu;
        Stats.Note($"fan-out: from the gate's opening to the last watcher's outcome, {Stats.F(cpu.Wall)} s: CPU app {Stats.F(cpu.App)} s, Chromium + Playwright {Stats.F(cpu.Browser)} s, hub clients (this driver) {Stats.F(cpu.Driver)} s");
        Stats.Result("fanout.cpu.wall", cpu.Wall);
        Stats.Result("fanout.cpu.app", cpu.App);
        Stats.Result("fanout.cpu.browser", cpu.Browser);
        Stats.Result("fanout.cpu.driver", cpu.Driver);
        var all = result.HubLast.Concat(result.PageLast).ToList();
        Stats.Result("fanout.events", result.Events);
        Stats.Result("fanout.complete", $"{result.HubComplete + result.PagesComplete}/{hubs + pages}");
        Stats.Result("fanout.last.p50", Stats.Median(all));
        Stats.Result("fanout.last.p95", Stats.Percentile(all, 0.95));
        Stats.Result("fanout.hub.last.p95", Stats.Percentile(result.HubLast, 0.95));
        Stats.Result("fanout.page.last.p95", Stats.Percentile(result.PageLast, 0.95));
        Stats.Result("fanout.hub.allreplies.p95", Stats.Percentile(result.HubAll, 0.95));
        Stats.Result("fanout.kb.hub", (result.RssHubs - result.RssBase) * 1024 / hubs);
        Stats.Result("fanout.kb.page", (result.RssPages - result.RssHubs) * 1024 / pages);
        Report(floor, "floor", $"{pages} bare live pages");
        Report(blazorFloor, "blazorfloor", $"{pages} bare live Blazor Server pages, one render batch in flight (as the app)");
        Report(blazorFloor10, "blazorfloor10", $"{pages} bare live Blazor Server pages, up to 10 render batches in flight (the framework's default)");
        void Report(Floor? reference, string key, string what)
        {
            if (reference is not { } f)
            {
                return;
            }

            Stats.Note($"fan-out reference: {what}, {result.Events} lines {server.ReplyDelay.TotalMilliseconds:0} ms apart; last line → page p50 {Stats.F(Stats.Median(f.Last))} p95 {Stats.F(Stats.Percentile(f.Last, 0.95))} max {Stats.F(f.Last.DefaultIfEmpty(double.NaN).Max())} ms; CPU Chromium {Stats.F(f.Cpu.Browser)} s in {Stats.F(f.Cpu.Wall)} s");
            Stats.Result($"fanout.{key}.page.p50", Stats.Median(f.Last));
            Stats.Result($"fanout.{key}.page.p95", Stats.Percentile(f.Last, 0.95));
            Stats.Result($"fanout.{key}.cpu.browser", f.Cpu.Browser);
        }

        return 0;
    }

    private sealed record Floor(List<double> Last, Cpu Cpu);

    /// <summary>
    /// <paramref name="pages"/> bare live pages (<see cref="FloorServer"/> at <paramref name="prefix"/>), every one sent
    /// <paramref name="lines"/> lines <paramref name="delay"/> apart: from the last line's send to its arrival in each page.
    /// </summary>
    private static async Task<Floor?> BareFloorRoundAsync(Browser browser, string prefix, int pages, int lines, TimeSpan delay, string trace, CancellationToken cancellationToken)
    {
        if (prefix.Length == 0 || lines == 0 || pages == 0)
        {
            return null;
        }

        await using var server = new FloorServer(prefix);
        return await FloorRoundAsync(browser, prefix, pages, lines, token => server.SendAsync(lines, delay, token), trace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="pages"/> bare live Blazor Server pages (benchmarks/MailCheck.BlazorFloor at <paramref name="baseUrl"/>),
    /// every one sent <paramref name="lines"/> lines <paramref name="delay"/> apart by that app (<c>POST /send</c>, which
    /// answers with when it sent each line).
    /// </summary>
    private static async Task<Floor?> BlazorFloorRoundAsync(Browser browser, string baseUrl, int pages, int lines, TimeSpan delay, string trace, CancellationToken cancellationToken)
    {
        if (baseUrl.Length == 0 || lines == 0 || pages == 0)
        {
            return null;
        }

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        return await FloorRoundAsync(browser, baseUrl, pages, lines, async token =>
        {
            using var response = await http.PostAsync(new Uri($"send?count={lines}&delayMs={delay.TotalMilliseconds:0}", UriKind.Relative), content: null, token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<Dictionary<string, double>>(token).ConfigureAwait(false) ?? [];
        }, trace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the pages at <paramref name="url"/>, sends them the lines (<paramref name="send"/>: token → when it was sent) and times the last one into each page.</summary>
    private static async Task<Floor> FloorRoundAsync(Browser browser, string url, int pages, int lines, Func<CancellationToken, Task<Dictionary<string, double>>> send, string trace, CancellationToken cancellationToken)
    {
        var opened = await browser.OpenManyAsync(url, pages, "#box[data-open='true']").ConfigureAwait(false);
        if (trace.Length > 0)
        {
            await browser.StartTracingAsync(trace).ConfigureAwait(false);
        }

        // As the measured round: every page in, then a quiet moment before the first line.
        await Task.Delay(2000, cancellationToken).ConfigureAwait(false);
        var before = Cpu.Now(null);
        var sent = await send(cancellationToken).ConfigureAwait(false);
        var lastToken = $"r{lines}";
        var last = new List<double>();
        foreach (var page in opened)
        {
            await page.WaitForSelectorAsync($".mc-line[data-seq='{lines}']", new PageWaitForSelectorOptions { Timeout = 300_000 }).ConfigureAwait(false);
        }

        var cpu = Cpu.Now(null) - before;
        if (trace.Length > 0)
        {
            await browser.StopTracingAsync().ConfigureAwait(false);
            Stats.Note($"fan-out reference: Chromium trace in {trace}");
        }

        foreach (var page in opened)
        {
            if ((await Browser.LinesAsync(page).ConfigureAwait(false)).FirstOrDefault(l => l.Token == lastToken) is { } seen)
            {
                last.Add(seen.T - sent[lastToken]);
            }

            await Browser.CloseAsync(page).ConfigureAwait(false);
        }

        return new Floor(last, cpu);
    }

    private sealed record Round(int Events, int HubComplete, int PagesComplete, List<double> HubLast, List<double> PageLast, List<double> HubAll, double RssBase, double RssHubs, double RssPages, Cpu LiveCpu);

    /// <summary>CPU seconds spent from the opening of the gate until every watcher had the outcome: by the app, by Chromium (and Playwright), by this driver (the hub clients), and the wall time.</summary>
    private sealed record Cpu(double App, double Browser, double Driver, double Wall)
    {
        public static Cpu Now(int? appPid) => new(
            appPid is { } p ? ProcessCpu.Seconds(p) : double.NaN,
            ProcessCpu.DescendantSeconds(Environment.ProcessId),
            ProcessCpu.Seconds(Environment.ProcessId),
            GatedSmtpServer.NowMs() / 1000);

        public static Cpu operator -(Cpu a, Cpu b) => new(a.App - b.App, a.Browser - b.Browser, a.Driver - b.Driver, a.Wall - b.Wall);
    }

    private static async Task<Round> RoundAsync(AppClient app, GatedSmtpServer server, Browser browser, JsonObject request, int hubWatchers, int pageWatchers, int? pid, bool profile, CancellationToken cancellationToken, string trace = "")
    {
        // A hub client pings every 15 s and the server drops one it has not heard from for 30 s: if this process's
        // timers ran that late, a lost stream is the loaded driver's, not the server's.
        await using var lag = new TimerLag();
        server.Close();
        var id = await app.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        var before = server.Sent.Keys.ToHashSet(StringComparer.Ordinal);
        double Rss() => pid is { } p ? ProcessMemory.RssKiB(p) / 1024.0 : 0;
        await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        var rssBase = Rss();

        var watchers = new List<HubWatcher>(hubWatchers);
        foreach (var batch in Enumerable.Range(0, hubWatchers).Chunk(25))
        {
            watchers.AddRange(await Task.WhenAll(batch.Select(_ => HubWatcher.StartAsync(app.BaseAddress, id, cancellationToken))).ConfigureAwait(false));
        }

        await Task.WhenAll(watchers.Select(w => w.FirstEvent)).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        var rssHubs = Rss();

        var opened = await browser.OpenManyAsync(new Uri(app.BaseAddress, $"checks/{id}").ToString(), pageWatchers).ConfigureAwait(false);

        var sessions = await Task.WhenAll(opened.Select(Browser.StartMetricsAsync)).ConfigureAwait(false);
        var idleMetrics = await Task.WhenAll(sessions.Select(Browser.ReadMetricsAsync)).ConfigureAwait(false);
        if (opened.Count > 0)
        {
            Stats.Note("fan-out: running animations in a page: " + await opened[0].EvaluateAsync<string>("() => document.getAnimations().map(a => (a.animationName || a.constructor.name) + ' on ' + (a.effect?.target?.getAttribute('class') || a.effect?.target?.tagName)).join('; ')").ConfigureAwait(false));
        }

        if (trace.Length > 0 && opened.Count > 0)
        {
            await browser.StartTracingAsync(trace).ConfigureAwait(false);
        }

        var idleBefore = Cpu.Now(pid);
        var threadsBefore = ProcessCpu.DescendantThreadSeconds(Environment.ProcessId);
        await Task.Delay(2000, cancellationToken).ConfigureAwait(false);
        var idle = Cpu.Now(pid) - idleBefore;
        if (opened.Count > 0)
        {
            var idleAfter = await Task.WhenAll(sessions.Select(Browser.ReadMetricsAsync)).ConfigureAwait(false);
            double IdleDelta(string name) => idleAfter.Zip(idleMetrics).Sum(m => m.First.GetValueOrDefault(name) - m.Second.GetValueOrDefault(name));
            Stats.Note($"fan-out: the pages' renderers while waiting at the gate: task {Stats.F(IdleDelta("TaskDuration"), "0.00")} s, script {Stats.F(IdleDelta("ScriptDuration"), "0.00")} s, layout {Stats.F(IdleDelta("LayoutDuration"), "0.00")} s ({IdleDelta("LayoutCount")} layouts), style {Stats.F(IdleDelta("RecalcStyleDuration"), "0.00")} s ({IdleDelta("RecalcStyleCount")} recalcs)");
        }

        var threadsAfter = ProcessCpu.DescendantThreadSeconds(Environment.ProcessId);
        Stats.Note("fan-out: waiting at the gate, Chromium's busiest threads: " + string.Join(", ", threadsAfter
            .Select(t => (t.Key, Seconds: t.Value - threadsBefore.GetValueOrDefault(t.Key))).OrderByDescending(t => t.Seconds).Take(8)
            .Select(t => $"{t.Key} {Stats.F(t.Seconds, "0.00")} s")));
        Stats.Note($"fan-out: waiting at the gate (every watcher in, the server silent) for {Stats.F(idle.Wall)} s: CPU app {Stats.F(idle.App, "0.00")} s, Chromium {Stats.F(idle.Browser, "0.00")} s, hub clients {Stats.F(idle.Driver, "0.00")} s");
        var rssPages = Rss();

        var metricsBefore = await Task.WhenAll(sessions.Select(Browser.ReadMetricsAsync)).ConfigureAwait(false);
        var kindsBefore = ProcessCpu.DescendantSecondsByKind(Environment.ProcessId);
        Dictionary<IPage, (int Count, long Bytes)> framesBefore;
        lock (Browser.Frames)
        {
            framesBefore = new(Browser.Frames);
        }

        if (profile && sessions.Length > 0)
        {
            await Browser.StartProfileAsync(sessions[0]).ConfigureAwait(false);
        }

        var cpuBefore = Cpu.Now(pid);
        var gateOpened = GatedSmtpServer.NowMs();
        server.Open();
        var document = await app.WaitFinishedAsync(id, TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        var expected = document["events"]!.AsArray().Select(e => e!["seq"]!.GetValue<int>()).ToArray();
        await Task.WhenAll(watchers.Select(w => w.Completed)).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        foreach (var page in opened)
        {
            await Browser.WaitFinishedAsync(page).ConfigureAwait(false);
        }

        var liveCpu = Cpu.Now(pid) - cpuBefore;
        lock (Browser.Frames)
        {
            var frames = opened.Select(p => (Count: Browser.Frames.GetValueOrDefault(p).Count - framesBefore.GetValueOrDefault(p).Count, Bytes: Browser.Frames.GetValueOrDefault(p).Bytes - framesBefore.GetValueOrDefault(p).Bytes)).ToList();
            if (frames.Count > 0)
            {
                Stats.Note($"fan-out: live phase WebSocket frames per page: {frames.Average(f => f.Count):0} frames, {frames.Average(f => f.Bytes) / 1024:0.0} KiB");
            }
        }
        var kindsAfter = ProcessCpu.DescendantSecondsByKind(Environment.ProcessId);
        Stats.Note("fan-out: live phase CPU by browser process kind: " + string.Join(", ", kindsAfter.Select(k => $"{k.Key} {Stats.F(k.Value - kindsBefore.GetValueOrDefault(k.Key), "0.00")} s")));
        var metricsAfter = await Task.WhenAll(sessions.Select(Browser.ReadMetricsAsync)).ConfigureAwait(false);
        if (trace.Length > 0 && opened.Count > 0)
        {
            await browser.StopTracingAsync().ConfigureAwait(false);
            Stats.Note($"fan-out: Chromium trace of the wait and the live phase in {trace}");
        }
        if (profile && sessions.Length > 0)
        {
            Stats.Note("fan-out: the first page's main thread in the live phase (V8 sampling profile, self time): " + string.Join(", ",
                (await Browser.StopProfileAsync(sessions[0]).ConfigureAwait(false)).Take(14).Select(f => $"{f.Name} {f.Ms:0} ms")));
        }

        if (opened.Count > 0)
        {
            // What each page's renderer did with the live events (Chromium's counters, summed over the pages).
            double Delta(string name) => metricsAfter.Zip(metricsBefore).Sum(m => m.First.GetValueOrDefault(name) - m.Second.GetValueOrDefault(name));
            Stats.Note($"fan-out: the {opened.Count} pages' renderers during the live phase: task {Stats.F(Delta("TaskDuration"), "0.00")} s, script {Stats.F(Delta("ScriptDuration"), "0.00")} s, layout {Stats.F(Delta("LayoutDuration"), "0.00")} s ({Delta("LayoutCount")} layouts), style {Stats.F(Delta("RecalcStyleDuration"), "0.00")} s ({Delta("RecalcStyleCount")} recalcs)");
        }

        var sent = server.Sent.Where(s => !before.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var lastToken = sent.OrderBy(s => s.Value).Last().Key;
        var hubLast = new List<double>();
        var hubAll = new List<double>();
        var hubComplete = 0;
        foreach (var failure in watchers.Where(w => w.Failure is not null).GroupBy(w => w.Failure))
        {
            // When, against the gate's opening (negative: while the pages were being opened), and after how many events:
            // the app's log (SignalR's connection log is at Debug in this rig) says why the server closed them.
            var at = failure.Select(w => w.FailedAt - gateOpened).ToList();
            Stats.Note($"fan-out: {failure.Count()} hub watcher(s) lost their stream: {failure.Key} ({Stats.F(at.Min())} to {Stats.F(at.Max())} ms after the gate opened, after {failure.Min(w => w.Seqs.Count)}-{failure.Max(w => w.Seqs.Count)} events)");
        }

        Stats.Note($"fan-out: this driver's timers (the hub clients' pings) ran up to {Stats.F(lag.MaxMs)} ms late in the round");

        foreach (var w in watchers)
        {
            hubComplete += w.Seqs.SequenceEqual(expected) ? 1 : 0;
            foreach (var (token, at) in w.Received)
            {
                if (sent.TryGetValue(token, out var s))
                {
                    hubAll.Add(at - s);
                    if (token == lastToken)
                    {
                        hubLast.Add(at - s);
                    }
                }
            }

            await w.DisposeAsync().ConfigureAwait(false);
        }

        var pageLast = new List<double>();
        var pagesComplete = 0;
        foreach (var page in opened)
        {
            var seqs = await Browser.DomSeqsAsync(page).ConfigureAwait(false);
            pagesComplete += seqs.SequenceEqual(expected) ? 1 : 0;
            var lines = await Browser.LinesAsync(page).ConfigureAwait(false);
            if (lines.FirstOrDefault(l => l.Token == lastToken) is { } last)
            {
                pageLast.Add(last.T - sent[lastToken]);
            }

            await Browser.CloseAsync(page).ConfigureAwait(false);
        }

        return new Round(expected.Length, hubComplete, pagesComplete, hubLast, pageLast, hubAll, rssBase, rssHubs, rssPages, liveCpu);
    }

    /// <summary>How late a 250 ms timer in this process fires, at worst, while it runs (a stalled driver shows here).</summary>
    private sealed class TimerLag : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public TimerLag() => _loop = Task.Run(LoopAsync);

        public double MaxMs { get; private set; }

        private async Task LoopAsync()
        {
            var period = TimeSpan.FromMilliseconds(250);
            while (!_stop.IsCancellationRequested)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await Task.Delay(period, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                MaxMs = Math.Max(MaxMs, (System.Diagnostics.Stopwatch.GetElapsedTime(started) - period).TotalMilliseconds);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    /// <summary>One hub client: <c>Watch(id)</c>, noting each event's Seq and, for replies, when it arrived.</summary>
    private sealed class HubWatcher : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private HubWatcher(HubConnection connection) => _connection = connection;

        public List<int> Seqs { get; } = [];

        public ConcurrentQueue<(string Token, double At)> Received { get; } = new();

        public Task FirstEvent => _first.Task;

        public Task Completed { get; private set; } = Task.CompletedTask;

        public static async Task<HubWatcher> StartAsync(Uri baseAddress, string id, CancellationToken cancellationToken)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(baseAddress, "hubs/checks"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.ServerTimeout = TimeSpan.FromMinutes(5);
            // The server drops a client it has not heard from for 30 s (ClientTimeoutInterval). While fifty pages open at
            // the browsers' own priority this process's timers ran up to 8.8 s late, and 457 of 500 clients pinging every
            // 15 s (the default) were dropped that way (the app's log: "Client timeout ... elapsed without receiving a
            // message from the client"). A ping every 5 s leaves a loaded driver six chances in the server's 30 s.
            connection.KeepAliveInterval = TimeSpan.FromSeconds(5);
            await connection.StartAsync(cancellationToken).ConfigureAwait(false);
            var watcher = new HubWatcher(connection);
            watcher.Completed = watcher.ReadAsync(id, cancellationToken);
            return watcher;
        }

        /// <summary>Why the stream ended early (the connection closed with an error), or null.</summary>
        public string? Failure { get; private set; }

        /// <summary>When the stream ended early (Unix ms).</summary>
        public double FailedAt { get; private set; }

        private async Task ReadAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var e in _connection.StreamAsync<JsonElement>("Watch", id, cancellationToken).ConfigureAwait(false))
                {
                    var at = GatedSmtpServer.NowMs();
                    Seqs.Add(e.GetProperty("seq").GetInt32());
                    if (ReplyToken.Of(e.GetProperty("text").GetString() ?? "") is { } token)
                    {
                        Received.Enqueue((token, at));
                    }

                    _first.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or IOException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
            {
                // Counted as a watcher that did not get every event (and said below), not a crash of the whole measure.
                Failure = ex.Message;
                FailedAt = GatedSmtpServer.NowMs();
                _first.TrySetResult();
            }
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
