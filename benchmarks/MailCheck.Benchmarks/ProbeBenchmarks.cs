using System.Net;
using BenchmarkDotNet.Attributes;
using MailCheck.Core.Checks;

namespace MailCheck.Benchmarks;

/// <summary>
/// A whole probe (connect, banner, EHLO, MAIL FROM, RCPT TO, RSET, QUIT) against the in-process SmtpServer on
/// loopback, next to a bare socket client sending the very same commands (the server's own time).
/// </summary>
[MemoryDiagnoser]
public class ProbeBenchmarks
{
    private ProbeHarness _harness = null!;
    private ProbeHarness _tlsHarness = null!;
    private RawProbeClient _raw = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _harness = await ProbeHarness.StartAsync(startTls: false).ConfigureAwait(false);
        var events = await _harness.RunAsync(TlsPolicy.Opportunistic).ConfigureAwait(false);
        var commands = events.Where(e => e.Direction == EventDirection.Client).Select(e => e.Text).ToList();
        _raw = new RawProbeClient(new IPEndPoint(IPAddress.Parse(_harness.Address), _harness.Server.Port), commands);
        _tlsHarness = await ProbeHarness.StartAsync(startTls: true).ConfigureAwait(false);
        await _tlsHarness.RunAsync(TlsPolicy.Opportunistic).ConfigureAwait(false);
    }

    [Benchmark(Baseline = true, Description = "bare socket client, same commands")]
    public Task RawClientProbe() => _raw.RunAsync();

    [Benchmark(Description = "engine probe (plain text)")]
    public Task<List<CheckEvent>> EngineProbe() => _harness.RunAsync(TlsPolicy.Opportunistic);

    [Benchmark(Description = "engine probe with STARTTLS (TLS handshake included)")]
    public Task<List<CheckEvent>> EngineProbeStartTls() => _tlsHarness.RunAsync(TlsPolicy.Opportunistic);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _harness.DisposeAsync().ConfigureAwait(false);
        await _tlsHarness.DisposeAsync().ConfigureAwait(false);
    }
}
