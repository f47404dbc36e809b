using System.Net;
using MailCheck.Deploy.Tests.Infrastructure;
using MailCheck.Testing;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Scripted;

namespace MailCheck.Deploy.Tests;

/// <summary>SIGTERM (docker stop) while checks run, with the Dockerfile's grace and the compose file's stop_grace_period.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_MidCheck_RefusesNewChecksLetsShortOnesFinishRecordsTheRestInterruptedAndExits()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // "hang.test" never sends its banner: the check outlasts the grace. "gate.test" answers once released.
        await using var hanging = ScriptedSmtpServer.Start(new SmtpDialogue { Banner = SmtpDialogue.Silence }, IPAddress.Loopback);
        await using var gated = ScriptedSmtpServer.Start(
            async connection =>
            {
                await release.Task.WaitAsync(connection.CancellationToken);
                await new SmtpDialogue().RunAsync(connection);
            },
            IPAddress.Loopback);
        await using var dns = InProcessDnsServer.Start()
            .AddMx("hang.test", 10, "mx.hang.test").AddA("mx.hang.test", "127.0.0.1")
            .AddMx("gate.test", 10, "mx.gate.test").AddA("mx.gate.test", "127.0.0.1");
        var data = ContainerRecipe.NewDataDirectory();
        var port = FreePort.Tcp();
        var settings = RunningApp.TestSettings(dns.Endpoint, hanging.EndPoint.Port, gated.EndPoint.Port);
        try
        {
            string hangId;
            string gateId;
            string gateOutcome;
            await using (var app = await RunningApp.StartAsync(data, port, settings))
            {
                hangId = await app.SubmitOkAsync(new { domain = "hang.test", mode = "probe", port = hanging.EndPoint.Port });
                gateId = await app.SubmitOkAsync(new { domain = "gate.test", mode = "probe", port = gated.EndPoint.Port });
                try
                {
                    await Poll.UntilAsync(() => hanging.Connections.Count == 1 && gated.Connections.Count == 1, "both checks connected");
                }
                catch (Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"Checks did not connect: {await app.GetCheckAsync(hangId)}\n{await app.GetCheckAsync(gateId)}\n{app.Process.Output}");
                }

                await app.Process.TerminateAsync();

                // During the grace the web server still answers: not ready, new checks refused, running ones go on.
                await Poll.UntilAsync(async () => await StatusAsync(app, "/healthz/ready") == HttpStatusCode.ServiceUnavailable, "readiness 503 after SIGTERM");
                Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/healthz/live"));
                using (var refused = await app.SubmitAsync(new { domain = "gate.test", mode = "probe", port = gated.EndPoint.Port }))
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                }

                release.SetResult();
                var finished = await app.WaitForCheckAsync(gateId, c => c.GetProperty("status").GetString() == "finished", "finished");
                gateOutcome = finished.GetProperty("outcome").GetString()!;
                Assert.NotEqual("interrupted", gateOutcome);

                var bound = ContainerRecipe.Current.StopGracePeriod;
                Assert.True(await app.Process.WaitForExitAsync(bound), $"No exit within stop_grace_period ({bound}):\n{app.Process.Output}");
                Assert.True(app.Process.ExitCode == 0, $"Exit code {app.Process.ExitCode}:\n{app.Process.Output}");
            }

            // After a restart on the same data: the hung check was recorded interrupted by the shutdown itself, and
            // is not run again.
            await using (var again = await RunningApp.StartAsync(data, port, settings))
            {
                var hang = await again.GetCheckAsync(hangId);
                Assert.Equal("finished", hang.GetProperty("status").GetString());
                Assert.Equal("interrupted", hang.GetProperty("outcome").GetString());
                Assert.Contains("shutting down", hang.GetProperty("summary").GetString(), StringComparison.Ordinal);
                Assert.Equal(gateOutcome, (await again.GetCheckAsync(gateId)).GetProperty("outcome").GetString());
                Assert.Single(hanging.Connections);
            }
        }
        finally
        {
            ContainerRecipe.DeleteDataDirectory(data);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(RunningApp app, string path)
    {
        using var response = await app.Client.GetAsync(app.LocalBase + path);
        return response.StatusCode;
    }
}
