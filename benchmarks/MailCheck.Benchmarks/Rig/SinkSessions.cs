using System.Diagnostics;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// Measure 1: the engine alone, one probe session after the other (connect, banner, EHLO, MAIL, RCPT, RSET, QUIT)
/// against an external server (Postfix's smtp-sink), every event built and explained; median and mean per session.
/// run.sh times <c>smtp-source</c> against the same sink as the reference.
/// </summary>
internal static class SinkSessions
{
    /// <summary><c>session --smtp 127.0.0.90:15400 [--count 2000]</c></summary>
    public static async Task<int> RunAsync(Args args)
    {
        var endpoint = System.Net.IPEndPoint.Parse(args.Get("smtp"));
        var count = args.Int("count", 2000);
        var smtp = Options.Create(new SmtpOptions { EhloName = "bench.test" });
        var engine = new CheckEngine(
            [new MxStage(), new SmtpStage(new TcpConnector(), AllowAllTargetPolicy.Instance, new RemoteAddressLimiter(2), smtp, TimeProvider.System, NullLogger<SmtpStage>.Instance)],
            new LoopbackDnsQuerier(endpoint.Address.ToString()),
            smtp,
            Options.Create(new DnsOptions()),
            Options.Create(new PostureOptions()),
            TimeProvider.System,
            NullLogger<CheckEngine>.Instance);
        var request = new CheckRequest
        {
            Domain = $"[{endpoint.Address}]",
            From = "bench@bench.test",
            Recipients = [$"postmaster@[{endpoint.Address}]"],
            Mode = CheckMode.Probe,
            Port = endpoint.Port,
            Tls = TlsPolicy.None,
            Posture = false,
        };

        async Task<double> OnceAsync()
        {
            var started = Stopwatch.GetTimestamp();
            CheckEvent? last = null;
            await foreach (var e in engine.RunAsync(CheckId.New(), request).ConfigureAwait(false))
            {
                last = e;
            }

            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (last?.Detail is not OutcomeDetail { Result.Outcome: CheckOutcome.Accepted })
            {
                throw new InvalidOperationException("The probe was not accepted: " + last?.Text);
            }

            return ms;
        }

        for (var i = 0; i < 100; i++)
        {
            await OnceAsync().ConfigureAwait(false);
        }

        var times = new List<double>(count);
        var all = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            times.Add(await OnceAsync().ConfigureAwait(false));
        }

        var wall = Stopwatch.GetElapsedTime(all).TotalMilliseconds;
        Stats.Note($"engine: {count} sequential probe sessions, median {Stats.F(Stats.Median(times), "0.000")} ms, mean {Stats.F(wall / count, "0.000")} ms, p90 {Stats.F(Stats.Percentile(times, 0.9), "0.000")} ms");
        Stats.Result("session.median", Stats.Median(times));
        Stats.Result("session.mean", wall / count);
        return 0;
    }
}
