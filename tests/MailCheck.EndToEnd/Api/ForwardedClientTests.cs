using System.Net;
using System.Security.Cryptography;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Api;

/// <summary>
/// nginx forwards who asked (X-Forwarded-For/-Proto/-Host); the app believes it because nginx is a known proxy.
/// Two clients on different loopback addresses must show up in the app's request log as themselves, with the
/// public scheme and host — not as nginx's 127.0.0.1.
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class ForwardedClientTests(RigFixture rig)
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("127.0.0.77")]
    [InlineData("127.0.0.78")]
    public async Task Request_FromLoopbackClientThroughHttpsProxy_AppLogsThatClientWithPublicSchemeAndHost(string clientAddress)
    {
        using var client = rig.CreateHttpClient(IPAddress.Parse(clientAddress));
        // A well-formed id no check has: the log line is easy to find and the answer is a 404.
        var unknownId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var response = await client.GetAsync($"api/checks/{unknownId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = await WaitForLogLineAsync(unknownId);
        Assert.Contains($"for {clientAddress} ", line, StringComparison.Ordinal);
        Assert.Contains($"via https://{rig.Settings.BaseUrl.Authority}", line, StringComparison.Ordinal);
    }

    private async Task<string> WaitForLogLineAsync(string marker)
    {
        var log = Path.Combine(rig.Settings.RigDir, "app", "app.log");
        using var timeout = new CancellationTokenSource(LogWait);
        while (true)
        {
            if (File.Exists(log))
            {
                await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                var text = await reader.ReadToEndAsync(timeout.Token);
                var line = text.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal) && l.Contains("responded", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line;
                }
            }

            try
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No request log line for {marker} in {log} within {LogWait.TotalSeconds} s.");
            }
        }
    }
}
