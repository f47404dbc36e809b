using System.Diagnostics;
using System.Globalization;
using System.Net;
using MailCheck.Core.Checks;

namespace MailCheck.Benchmarks;

/// <summary>
/// Measures the engine's overhead per step directly: the same probe run by the engine and by
/// <see cref="RawProbeClient"/> (the server's own time), alternating, many times; overhead per round trip is the
/// difference of the medians divided by the number of round trips.
/// </summary>
internal static class StepOverhead
{
    public static async Task<int> RunAsync(int runs)
    {
        await using var harness = await ProbeHarness.StartAsync(startTls: false).ConfigureAwait(false);
        var first = await harness.RunAsync(TlsPolicy.Opportunistic).ConfigureAwait(false);
        var commands = first.Where(e => e.Direction == EventDirection.Client).Select(e => e.Text).ToList();
        var raw = new RawProbeClient(new IPEndPoint(IPAddress.Parse(harness.Address), harness.Server.Port), commands);

        // Warm up both paths.
        for (var i = 0; i < 20; i++)
        {
            await harness.RunAsync(TlsPolicy.Opportunistic).ConfigureAwait(false);
            await raw.RunAsync().ConfigureAwait(false);
        }

        var engineTimes = new List<double>(runs);
        var rawTimes = new List<double>(runs);
        var eventGaps = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var events = await harness.RunAsync(TlsPolicy.Opportunistic).ConfigureAwait(false);
            engineTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            eventGaps.Add(GapPerStep(events));

            started = Stopwatch.GetTimestamp();
            await raw.RunAsync().ConfigureAwait(false);
            rawTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var engine = Median(engineTimes);
        var baseline = Median(rawTimes);
        var perStep = (engine - baseline) / raw.RoundTrips;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs: {runs}, round trips per probe: {raw.RoundTrips} ({string.Join(" | ", commands)})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine probe, median:        {engine:0.000} ms (p90 {Percentile(engineTimes, 0.9):0.000} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare client probe, median:   {baseline:0.000} ms (p90 {Percentile(rawTimes, 0.9):0.000} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine overhead per step:    {perStep:0.000} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine time between a reply and the next command (from its events), median per step: {Median(eventGaps):0.000} ms"));
        return 0;
    }

    /// <summary>
    /// From the engine's own events: the time from each server reply to the next command the engine sent, i.e. the
    /// engine's processing between steps (parsing, explaining, emitting, building the next command).
    /// </summary>
    private static double GapPerStep(List<CheckEvent> events)
    {
        var gaps = new List<double>();
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Direction == EventDirection.Client && events[i - 1].Direction == EventDirection.Server)
            {
                gaps.Add((events[i].Elapsed - events[i - 1].Elapsed).TotalMilliseconds);
            }
        }

        return gaps.Count == 0 ? 0 : gaps.Average();
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}
