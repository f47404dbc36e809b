using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MailCheck.ScaleOut.Rig;

/// <summary>
/// One published MailCheck process on PostgreSQL (as the compose scale profile runs it), with its output kept for
/// failure messages. SIGKILL (a crash), SIGTERM (docker stop) and a fresh start are the tests' levers.
/// </summary>
public sealed class MailCheckInstance : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public MailCheckInstance(string name, int port, string publishDir, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        PublishDir = publishDir;
        Environment = environment;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The instance id (MailCheck:Scale:InstanceId) and HAProxy server name.</summary>
    public string Name { get; }

    public int Port { get; }

    public string PublishDir { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Straight to this instance (not through HAProxy).</summary>
    public HttpClient Client { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string Output => string.Join('\n', _output.TakeLast(300));

    /// <summary>Starts the process (does not wait for readiness).</summary>
    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = PublishDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("MailCheck.Web.dll");
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue($"[{Name}] {e.Data}"); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue($"[{Name}] {e.Data}"); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits (bounded) until /healthz/ready answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited before it was ready:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {bound.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>/healthz/ready's JSON (status 200 or 503).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> ReadinessAsync()
    {
        using var response = await Client.GetAsync(new Uri("healthz/ready", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>kill -9: no shutdown, no drain, nothing recorded by the process itself.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>SIGTERM, as docker stop sends; returns a task that completes when the process has exited.</summary>
    public Task TerminateAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))!)
        {
            kill.WaitForExit(10_000);
        }

        return process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Client.Dispose();
    }
}
