using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// What one open result page (its circuit) keeps in the app's memory: the app's managed heap by type, taken with
/// <c>dotnet-gcdump</c> (which forces a full collection, so only what is retained counts) before and after N pages of
/// one check are opened (and halfway: the second half's growth is the cost of one more circuit), and the RSS beside it.
/// Prints the types that grew most per page in the second half.
/// <c>circuits --base URL --pid PID (--check ID | --to ADDRESS [--port 25]) [--pages 30] [--gcdump dotnet-gcdump] [--dir /tmp]</c>:
/// with <c>--to</c> it first runs a probe with posture to that address (a finished page with its scorecard) and opens that.
/// </summary>
internal static partial class Circuits
{
    public static async Task<int> RunAsync(Args args)
    {
        var pid = args.Int("pid");
        var pages = args.Int("pages", 30);
        var tool = args.Get("gcdump", "dotnet-gcdump");
        var dir = args.Get("dir", Path.GetTempPath());
        var check = args.Get("check", "");
        if (check.Length == 0)
        {
            using var client = new AppClient(args.Get("base"));
            check = await client.SubmitAsync(AppClient.Probe(args.Get("to"), args.Int("port", 25), posture: true), CancellationToken.None).ConfigureAwait(false);
            var finished = await client.WaitFinishedAsync(check, TimeSpan.FromMilliseconds(200), CancellationToken.None).ConfigureAwait(false);
            Stats.Note($"circuits: check {check}: {finished["result"]?["outcome"]}, {finished["events"]?.AsArray().Count} events, {finished["scorecard"]?["items"]?.AsArray().Count} scorecard items");
        }

        var url = new Uri(new Uri(args.Get("base")), $"checks/{check}").ToString();
        await using var browser = await Browser.LaunchAsync().ConfigureAwait(false);

        // One page first, so what every circuit shares (code, caches, pools) is in the baseline.
        var warm = await browser.OpenLiveAsync(url).ConfigureAwait(false);
        await Task.Delay(2000).ConfigureAwait(false);
        var before = await HeapAsync(tool, pid, Path.Combine(dir, "circuits-before.gcdump")).ConfigureAwait(false);
        var rssBefore = ProcessMemory.RssKiB(pid);
        var opened = new List<IPage>();
        async Task OpenAsync(int count)
        {
            opened.AddRange(await browser.OpenManyAsync(url, count).ConfigureAwait(false));

            await Task.Delay(2000).ConfigureAwait(false);
        }

        // Half the pages, a dump, the other half, a dump: the second half's growth is what one more circuit costs once
        // the process's shared pools (array pools refilled by the prerenders, JIT, caches) have grown to their size.
        var half = pages / 2;
        await OpenAsync(half).ConfigureAwait(false);
        var mid = await HeapAsync(tool, pid, Path.Combine(dir, "circuits-mid.gcdump")).ConfigureAwait(false);
        var rssMid = ProcessMemory.RssKiB(pid);
        await OpenAsync(pages - half).ConfigureAwait(false);
        var after = await HeapAsync(tool, pid, Path.Combine(dir, "circuits-after.gcdump")).ConfigureAwait(false);
        var rssAfter = ProcessMemory.RssKiB(pid);

        var total = after.Values.Sum(v => v.Bytes) - before.Values.Sum(v => v.Bytes);
        var marginal = (after.Values.Sum(v => v.Bytes) - mid.Values.Sum(v => v.Bytes)) / (double)(pages - half);
        Stats.Note($"circuits: {pages} more pages of one check: managed heap retained +{total / 1024.0 / pages:0.0} KiB per circuit on average, +{marginal / 1024:0.0} KiB per circuit for the second {pages - half}; RSS +{(rssAfter - rssBefore) / (double)pages:0.0} KiB per circuit");
        foreach (var (type, grew, count) in after
                     .Select(a => (Type: a.Key, Grew: a.Value.Bytes - mid.GetValueOrDefault(a.Key).Bytes, Count: a.Value.Count - mid.GetValueOrDefault(a.Key).Count))
                     .OrderByDescending(t => t.Grew).Take(25))
        {
            Stats.Note($"  {grew / 1024.0 / (pages - half),8:0.0} KiB/circuit  {count / (double)(pages - half),8:0.0} objects/circuit  {type}");
        }

        Stats.Result("circuits.marginal.kb", marginal / 1024);
        Stats.Result("circuits.heap.kb", total / 1024.0 / pages);
        Stats.Result("circuits.rss.kb", (rssAfter - rssBefore) / (double)pages);
        foreach (var page in opened.Append(warm))
        {
            await Browser.CloseAsync(page).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The heap by type (bytes, count) from <c>dotnet-gcdump collect</c> + <c>report</c>.</summary>
    private static async Task<Dictionary<string, (long Bytes, long Count)>> HeapAsync(string tool, int pid, string file)
    {
        File.Delete(file);
        await RunAsync(tool, $"collect -p {pid} -o {file}").ConfigureAwait(false);
        var report = await RunAsync(tool, $"report {file}").ConfigureAwait(false);
        var heap = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var line in report.Split('\n'))
        {
            // Rows are "<bytes of one object> <count> <type>", with thousands separators; a type's share is their product.
            var m = Row().Match(line);
            if (m.Success)
            {
                var size = long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var count = long.Parse(m.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var type = m.Groups[3].Value.Trim();
                var (b, c) = heap.GetValueOrDefault(type);
                heap[type] = (b + (size * count), c + count);
            }
        }

        return heap;
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return output;
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$")]
    private static partial Regex Row();
}
