using System.Net;
using MailCheck.Deploy.Tests.Infrastructure;
using MailCheck.Testing;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Scripted;

namespace MailCheck.Deploy.Tests;

/// <summary>A container restart on the same /data: results stay, data-protection keys are reused.</summary>
public sealed class RestartTests
{
    private const string AntiforgeryCookie = ".AspNetCore.Antiforgery.";

    [Fact]
    public async Task Restart_SameData_ResultsKeptAndOldAntiforgeryCookieStillValid()
    {
        await using var smtp = ScriptedSmtpServer.Start(new SmtpDialogue(), IPAddress.Loopback);
        await using var dns = InProcessDnsServer.Start().AddMx("quick.test", 10, "mx.quick.test").AddA("mx.quick.test", "127.0.0.1");
        var data = ContainerRecipe.NewDataDirectory();
        var otherKeys = ContainerRecipe.NewDataDirectory();
        var port = FreePort.Tcp();
        var settings = RunningApp.TestSettings(dns.Endpoint, smtp.EndPoint.Port);
        try
        {
            string id;
            string before;
            string cookie;
            string[] keys;
            await using (var app = await RunningApp.StartAsync(data, port, settings))
            {
                id = await app.SubmitOkAsync(new { domain = "quick.test", mode = "probe", port = smtp.EndPoint.Port });
                before = (await app.WaitForCheckAsync(id, c => c.GetProperty("status").GetString() == "finished", "finished")).ToString();

                // A page rendered before the restart: its antiforgery cookie is data-protected with the current keys.
                var (status, issued) = await GetHomeAsync(app, cookie: null);
                Assert.Equal(HttpStatusCode.OK, status);
                cookie = Assert.Single(issued);
                keys = KeyFiles(data);
                Assert.NotEmpty(keys);
                Assert.Equal(0, await app.StopAsync());
            }

            await using (var again = await RunningApp.StartAsync(data, port, settings))
            {
                Assert.Equal(before, (await again.GetCheckAsync(id)).ToString());

                // The old cookie still unprotects: antiforgery keeps it instead of issuing a new one.
                var (status, issued) = await GetHomeAsync(again, cookie);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Empty(issued);
                Assert.Equal(keys, KeyFiles(data));
                Assert.Equal(0, await again.StopAsync());
            }

            // Control: with other keys the same cookie does not unprotect and a new one is issued, so the check above
            // can fail.
            var fresh = new Dictionary<string, string>(settings) { ["MailCheck__DataProtection__KeysPath"] = Path.Combine(otherKeys, "keys") };
            await using (var other = await RunningApp.StartAsync(data, port, fresh))
            {
                var (_, issued) = await GetHomeAsync(other, cookie);
                Assert.Single(issued);
            }
        }
        finally
        {
            ContainerRecipe.DeleteDataDirectory(data);
            ContainerRecipe.DeleteDataDirectory(otherKeys);
        }
    }

    private static string[] KeyFiles(string data) =>
        [.. Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>GET the home page; returns the antiforgery cookies it sets ("name=value").</summary>
    private static async Task<(HttpStatusCode Status, List<string> Issued)> GetHomeAsync(RunningApp app, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, app.LocalBase + "/");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await app.Client.SendAsync(request);
        var issued = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith(AntiforgeryCookie, StringComparison.Ordinal)).Select(v => v.Split(';')[0]).ToList()
            : [];
        return (response.StatusCode, issued);
    }
}
