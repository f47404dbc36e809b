using System.Globalization;

namespace MailCheck.Benchmarks.Rig;

/// <summary>The resident set of another process (the app under test), from /proc.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in KiB.</summary>
    public static long RssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }
}
