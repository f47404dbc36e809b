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
        // The whole-app measures that benchmarks/run.sh drives (docs/benchmarks.md).
        if (args.Length > 0 && Rig.RigModes.Find(args[0]) is { } mode)
        {
            return await mode(new Rig.Args(args[1..])).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "overhead")
        {
            return await StepOverhead.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
