using System.Globalization;

namespace MailCheck.Benchmarks.Rig;

/// <summary>Percentiles (nearest rank) and the one output format run.sh reads: <c>RESULT key value</c>.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);

    /// <summary>One figure for run.sh's table (stdout); everything else a mode prints goes to stderr.</summary>
    public static void Result(string key, double value) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {key} {value:0.###}"));

    public static void Result(string key, string value) => Console.Out.WriteLine($"RESULT {key} {value}");

    public static void Note(string text) => Console.Error.WriteLine(text);

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
