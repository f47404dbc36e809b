namespace MailCheck.Benchmarks.Rig;

/// <summary>The modes benchmarks/run.sh runs, one per measure of docs/benchmarks.md.</summary>
internal static class RigModes
{
    public static Func<Args, Task<int>>? Find(string name) => name switch
    {
        "session" => SinkSessions.RunAsync,
        "throughput" => Throughput.RunAsync,
        "memory" => Throughput.MemoryAsync,
        "latency" => LiveLatency.RunAsync,
        "fanout" => FanOut.RunAsync,
        "datascale" => DataScale.RunAsync,
        "circuits" => Circuits.RunAsync,
        _ => null,
    };
}
