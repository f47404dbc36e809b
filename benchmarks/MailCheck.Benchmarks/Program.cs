using BenchmarkDotNet.Running;

namespace MailCheck.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project benchmarks/MailCheck.Benchmarks -- --filter '*'</c> runs everything;
    /// <c>-- overhead</c> prints the engine's per-step overhead measured from its own event timings.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "overhead")
        {
            return await StepOverhead.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
