using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>The published app started as the image's ENTRYPOINT, as a non-root user, on a /data stand-in.</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    public const string PathBase = "/mailcheck";

    private RunningApp(AppProcess process, int port, Dictionary<string, string> environment)
    {
        Process = process;
        Port = port;
        Environment = environment;
        Client = PublicHttp.Direct(port);
    }

    public AppProcess Process { get; }

    public int Port { get; }

    public Dictionary<string, string> Environment { get; }

    /// <summary>Straight to the app from 127.0.0.1 (a known proxy in these tests).</summary>
    public HttpClient Client { get; }

    public string LocalBase => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}{PathBase}";

    /// <summary>What a compose file adds for these tests: the path base, the proxy, the DNS server and the SMTP ports.</summary>
    public static Dictionary<string, string> TestSettings(string dnsEndpoint, params int[] smtpPorts)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MailCheck__PathBase"] = PathBase,
            ["MailCheck__ReverseProxy__KnownProxies__0"] = "127.0.0.1",
            ["MailCheck__Dns__Servers__0"] = dnsEndpoint,
            ["MailCheck__Safety__AllowedNetworks__0"] = "127.0.0.0/8",
            ["MailCheck__Smtp__EhloName"] = "mailcheck-deploy.localhost",
            ["MailCheck__Smtp__DefaultFrom"] = "mailcheck@mailcheck-deploy.localhost",
            ["MailCheck__Limits__PerClient__Limit"] = "1000", // every test request comes from 127.0.0.1
            ["MailCheck__Limits__PerDomain__Limit"] = "1000",
        };
        for (var i = 0; i < smtpPorts.Length; i++)
        {
            settings[$"MailCheck__Safety__AllowedPorts__{i}"] = smtpPorts[i].ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    public static async Task<RunningApp> StartAsync(string dataDirectory, int port, IReadOnlyDictionary<string, string> extra)
    {
        var publish = await PublishedApp.EnsureAsync();
        var recipe = ContainerRecipe.Current;
        var env = recipe.Environment(dataDirectory, port, extra);
        var process = AppProcess.Start(publish, recipe.Command(), env);
        var app = new RunningApp(process, port, env);
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {Process.ExitCode} before it was ready:\n{Process.Output}");
            }

            try
            {
                using var response = await Client.GetAsync($"{LocalBase}/healthz/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app was not ready within 90 s:\n{Process.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM, then waits for the exit within the compose file's stop_grace_period (after which Docker kills).</summary>
    public async Task<int> StopAsync()
    {
        await Process.TerminateAsync();
        var bound = ContainerRecipe.Current.StopGracePeriod;
        Assert.True(await Process.WaitForExitAsync(bound), $"The app did not exit within stop_grace_period ({bound}) after SIGTERM:\n{Process.Output}");
        return Process.ExitCode;
    }

    public async Task<HttpResponseMessage> SubmitAsync(object request) =>
        await Client.PostAsJsonAsync($"{LocalBase}/api/checks", request);

    public async Task<string> SubmitOkAsync(object request)
    {
        using var response = await SubmitAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/checks answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetCheckAsync(string id)
    {
        using var response = await Client.GetAsync($"{LocalBase}/api/checks/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/checks/{id} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the check (bounded).</summary>
    public async Task<JsonElement> WaitForCheckAsync(string id, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var check = await GetCheckAsync(id);
            if (condition(check))
            {
                return check;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Check {id} did not become {what} within 60 s: {check}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }
}
