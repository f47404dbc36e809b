using System.Globalization;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// CPU time used by processes, from /proc/PID/stat (utime + stime, in clock ticks of 1/100 s on Linux), to say who
/// spent a measure's CPU on a machine where the app, the watchers and Chromium share the same cores.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux

    /// <summary>CPU seconds used so far by <paramref name="pid"/> (0 if it is gone).</summary>
    public static double Seconds(int pid) => Stat(pid) is { } stat ? stat.Ticks / TicksPerSecond : 0;

    /// <summary>CPU seconds used so far by the live descendants of <paramref name="pid"/> (Playwright's driver and Chromium, for this process).</summary>
    public static double DescendantSeconds(int pid) => DescendantSecondsByKind(pid).Values.Sum();

    /// <summary>
    /// <see cref="DescendantSeconds"/> by kind of process: Chromium's <c>--type=</c> (renderer, gpu-process, utility,
    /// zygote), "browser" for Chromium's main process, else the program's name (node: Playwright's driver).
    /// </summary>
    public static Dictionary<string, double> DescendantSecondsByKind(int pid)
    {
        var byKind = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (p, ticks) in Descendants(pid))
        {
            var kind = Kind(p);
            byKind[kind] = byKind.GetValueOrDefault(kind) + (ticks / TicksPerSecond);
        }

        return byKind;
    }

    /// <summary>CPU seconds so far of every thread of the live descendants of <paramref name="pid"/>, by "kind/thread name" (e.g. renderer/CrRendererMain).</summary>
    public static Dictionary<string, double> DescendantThreadSeconds(int pid)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (p, _) in Descendants(pid))
        {
            var kind = Kind(p);
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{p}/task"))
                {
                    var text = File.ReadAllText(Path.Combine(task, "stat"));
                    var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                    var key = $"{kind}/{name}";
                    result[key] = result.GetValueOrDefault(key) + (Ticks(text) / TicksPerSecond);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return result;
    }

    /// <summary>Every live process below <paramref name="pid"/> (children, grandchildren, ...) with its CPU ticks so far.</summary>
    private static List<(int Pid, long Ticks)> Descendants(int pid)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && Stat(p) is { } stat)
            {
                stats[p] = stat;
            }
        }

        var found = new List<(int, long)>();
        foreach (var (p, (parent, ticks)) in stats)
        {
            for (var up = parent; up > 1 && stats.TryGetValue(up, out var next); up = next.Parent)
            {
                if (up == pid)
                {
                    found.Add((p, ticks));
                    break;
                }
            }
        }

        return found;
    }

    private static string Kind(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split(['\0', ' '], StringSplitOptions.RemoveEmptyEntries);
            var type = args.FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal));
            return type is not null ? type["--type=".Length..]
                : args.Length > 0 && args[0].Contains("chrom", StringComparison.OrdinalIgnoreCase) ? "browser"
                : args.Length > 0 ? Path.GetFileName(args[0]) : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static (int Parent, long Ticks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return (int.Parse(Fields(text)[1], CultureInfo.InvariantCulture), Ticks(text));
    }

    /// <summary>utime + stime of a /proc stat line (process or thread).</summary>
    private static long Ticks(string stat)
    {
        var fields = Fields(stat);
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>"pid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so the fields start after the last ')'.</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
}
