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
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && Stat(p) is { } stat)
            {
                parents[p] = (stat.Parent, stat.Ticks);
            }
        }

        var byKind = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (p, (_, t)) in parents)
        {
            for (var up = parents[p].Parent; up > 1 && parents.TryGetValue(up, out var next); up = next.Parent)
            {
                if (up == pid)
                {
                    var kind = Kind(p);
                    byKind[kind] = byKind.GetValueOrDefault(kind) + (t / TicksPerSecond);
                    break;
                }
            }
        }

        return byKind;
    }

    /// <summary>CPU seconds so far of every thread of the live descendants of <paramref name="pid"/>, by "kind/thread name" (e.g. renderer/CrRendererMain).</summary>
    public static Dictionary<string, double> DescendantThreadSeconds(int pid)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && Stat(p) is { } stat)
            {
                parents[p] = stat.Parent;
            }
        }

        foreach (var p in parents.Keys)
        {
            var descendant = false;
            for (var up = parents[p]; up > 1 && !descendant; up = parents.GetValueOrDefault(up))
            {
                descendant = up == pid;
            }

            if (!descendant)
            {
                continue;
            }

            var kind = Kind(p);
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{p}/task"))
                {
                    var text = File.ReadAllText(Path.Combine(task, "stat"));
                    var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                    var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                    var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                    var key = $"{kind}/{name}";
                    result[key] = result.GetValueOrDefault(key) + seconds;
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

        // "pid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so split after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }
}
