using System.Text.Json;
using Microsoft.Playwright;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// Headless Chromium (/usr/bin/chromium, as the end-to-end tests launch it) with a MutationObserver in every page
/// that notes when each transcript line (<c>.mc-line[data-seq]</c>) enters the DOM, on the wall clock.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private const string ObserverScript = """
        window.__mcLines = [];
        new MutationObserver(mutations => {
          const t = performance.timeOrigin + performance.now();
          for (const m of mutations) for (const n of m.addedNodes) {
            if (n.nodeType !== 1) continue;
            const lines = n.matches('.mc-line[data-seq]') ? [n] : [...n.querySelectorAll('.mc-line[data-seq]')];
            for (const e of lines) window.__mcLines.push({ seq: +e.dataset.seq, text: e.querySelector('.mc-text')?.textContent ?? '', t });
          }
        }).observe(document, { subtree: true, childList: true });
        """;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        // Fifty background tabs must not be throttled: each is a viewer.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    /// <summary>WebSocket frames received by each page so far, and their bytes (the circuit's render batches).</summary>
    public static Dictionary<IPage, (int Count, long Bytes)> Frames { get; } = [];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        }).ConfigureAwait(false);
        return new Browser(playwright, browser);
    }

    private static readonly string[] TraceCategories =
        ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc", "viz", "gpu", "toplevel", "v8.execute", "disabled-by-default-devtools.timeline.invalidationTracking"];

    private ICDPSession? _tracing;
    private readonly List<JsonElement> _traceEvents = [];
    private string _tracePath = "";

    /// <summary>Starts a Chromium trace (devtools.timeline and the compositor's categories, every process) for <paramref name="path"/> (CDP <c>Tracing</c>; Playwright for .NET has no tracing of its own).</summary>
    public async Task StartTracingAsync(string path)
    {
        _tracePath = path;
        _tracing = await _browser.NewBrowserCDPSessionAsync().ConfigureAwait(false);
        _tracing.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            if (e is { } data)
            {
                lock (_traceEvents)
                {
                    _traceEvents.AddRange(data.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
                }
            }
        };
        await _tracing.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["includedCategories"] = TraceCategories,
            },
        }).ConfigureAwait(false);
    }

    /// <summary>Ends the trace and writes it (Chrome's JSON trace format) to the path given at the start.</summary>
    public async Task StopTracingAsync()
    {
        if (_tracing is null)
        {
            return;
        }

        var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tracing.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await _tracing.SendAsync("Tracing.end").ConfigureAwait(false);
        await complete.Task.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        lock (_traceEvents)
        {
            File.WriteAllText(_tracePath, JsonSerializer.Serialize(new { traceEvents = _traceEvents }));
            _traceEvents.Clear(); // the next trace starts empty
        }

        await _tracing.DetachAsync().ConfigureAwait(false);
        _tracing = null;
    }

    /// <summary>A fresh context and page (its own circuit) showing <paramref name="url"/>, live (<paramref name="ready"/> in its DOM).</summary>
    public async Task<IPage> OpenLiveAsync(string url, string ready = ".mc-result[data-interactive='true']")
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ReducedMotion = Environment.GetEnvironmentVariable("BENCH_REDUCED_MOTION") == "1" ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
        }).ConfigureAwait(false);
        await context.AddInitScriptAsync(ObserverScript).ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("BENCH_CSS") is { Length: > 0 } css)
        {
            // An experiment: extra CSS in every page (BENCH_CSS), to measure a style's cost without a rebuild.
            await context.AddInitScriptAsync($"document.addEventListener('DOMContentLoaded', () => {{ const s = document.createElement('style'); s.textContent = {JsonSerializer.Serialize(css)}; document.head.append(s); }});").ConfigureAwait(false);
        }

        var page = await context.NewPageAsync().ConfigureAwait(false);
        page.WebSocket += (_, ws) => ws.FrameReceived += (_, frame) =>
        {
            var bytes = frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? "");
            lock (Frames)
            {
                var (count, total) = Frames.GetValueOrDefault(page);
                Frames[page] = (count + 1, total + bytes);
            }
        };
        await page.GotoAsync(url, new PageGotoOptions { Timeout = 120_000 }).ConfigureAwait(false);
        await page.WaitForSelectorAsync(ready, new PageWaitForSelectorOptions { Timeout = 120_000 }).ConfigureAwait(false);
        await page.EvaluateAsync("() => { window.__mcLines = []; }").ConfigureAwait(false);
        return page;
    }

    /// <summary><paramref name="count"/> pages of <paramref name="url"/> (each its own context), opened five at a time, live.</summary>
    public async Task<List<IPage>> OpenManyAsync(string url, int count, string ready = ".mc-result[data-interactive='true']")
    {
        var opened = new List<IPage>(count);
        foreach (var batch in Enumerable.Range(0, count).Chunk(5))
        {
            opened.AddRange(await Task.WhenAll(batch.Select(_ => OpenLiveAsync(url, ready))).ConfigureAwait(false));
        }

        return opened;
    }

    public static async Task WaitFinishedAsync(IPage page) =>
        await page.WaitForSelectorAsync(".mc-result[data-status='finished']", new PageWaitForSelectorOptions { Timeout = 300_000 }).ConfigureAwait(false);

    /// <summary>The lines the observer saw since the page went live.</summary>
    public static async Task<List<SeenLine>> LinesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__mcLines").ConfigureAwait(false);
        return [.. json.EnumerateArray().Select(e => new SeenLine(e.GetProperty("seq").GetInt32(), e.GetProperty("text").GetString() ?? "", e.GetProperty("t").GetDouble()))];
    }

    /// <summary>The data-seq of every transcript line in the page now, in DOM order.</summary>
    public static async Task<int[]> DomSeqsAsync(IPage page) =>
        await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('.mc-line[data-seq]')].map(e => +e.dataset.seq)").ConfigureAwait(false);

    /// <summary>Starts Chromium's own counters for <paramref name="page"/> (CDP <c>Performance</c>; they count from here, per session).</summary>
    public static async Task<ICDPSession> StartMetricsAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page).ConfigureAwait(false);
        await session.SendAsync("Performance.enable").ConfigureAwait(false);
        return session;
    }

    /// <summary>The counters since <see cref="StartMetricsAsync"/>: TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration (seconds), LayoutCount, ...</summary>
    public static async Task<Dictionary<string, double>> ReadMetricsAsync(ICDPSession session)
    {
        var reply = await session.SendAsync("Performance.getMetrics").ConfigureAwait(false);
        return reply is { } r
            ? r.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble(), StringComparer.Ordinal)
            : [];
    }

    /// <summary>Starts V8's sampling profiler in the page of <paramref name="session"/> (every 200 µs).</summary>
    public static async Task StartProfileAsync(ICDPSession session)
    {
        await session.SendAsync("Profiler.enable").ConfigureAwait(false);
        await session.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 }).ConfigureAwait(false);
        await session.SendAsync("Profiler.start").ConfigureAwait(false);
    }

    /// <summary>Stops the profiler; the main thread's self time by function (and script file), largest first, idle left out.</summary>
    public static async Task<List<(string Name, double Ms)>> StopProfileAsync(ICDPSession session)
    {
        var reply = await session.SendAsync("Profiler.stop").ConfigureAwait(false);
        if (reply is not { } r)
        {
            return [];
        }

        var profile = r.GetProperty("profile");
        if (Environment.GetEnvironmentVariable("BENCH_PROFILE_FILE") is { Length: > 0 } profileFile)
        {
            // The whole profile, for DevTools' Performance panel (load as .cpuprofile).
            await File.WriteAllTextAsync(profileFile, profile.GetRawText()).ConfigureAwait(false);
        }

        var names = new Dictionary<int, string>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var function = frame.GetProperty("functionName").GetString() is { Length: > 0 } f ? f : "(anonymous)";
            var url = frame.GetProperty("url").GetString() ?? "";
            var file = url.Length == 0 ? "" : " " + url[(url.LastIndexOf('/') + 1)..].Split('?')[0];
            names[node.GetProperty("id").GetInt32()] = function + file;
        }

        var self = new Dictionary<string, double>(StringComparer.Ordinal);
        var samples = profile.GetProperty("samples").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(d => d.GetDouble()).ToArray();
        // timeDeltas[i] is the time before sample i: attribute each interval to the sample that ends it.
        for (var i = 1; i < samples.Length; i++)
        {
            var name = names.GetValueOrDefault(samples[i], "?");
            self[name] = self.GetValueOrDefault(name) + (deltas[i] / 1000.0);
        }

        return [.. self.Where(s => s.Key != "(idle)").OrderByDescending(s => s.Value).Select(s => (s.Key, s.Value))];
    }

    public static async Task CloseAsync(IPage page)
    {
        await page.Context.CloseAsync().ConfigureAwait(false);
        lock (Frames)
        {
            Frames.Remove(page);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }
}

/// <summary>A transcript line as the page's observer saw it arrive (t: Unix ms).</summary>
internal sealed record SeenLine(int Seq, string Text, double T)
{
    /// <summary>The gated server's reply token ("r17") at the end of the text, if any.</summary>
    public string? Token => ReplyToken.Of(Text);
}

internal static class ReplyToken
{
    public static string? Of(string text)
    {
        var last = text.TrimEnd().Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is { Length: > 1 } && last[0] == 'r' && last[1..].All(char.IsAsciiDigit) ? last : null;
    }
}
