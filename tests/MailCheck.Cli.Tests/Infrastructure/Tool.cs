using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MailCheck.Cli.Tests.Infrastructure;

/// <summary>Runs the built mailcheck as a process (dotnet mailcheck.dll ...), with a clean environment and a bound on time.</summary>
public static class Tool
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Starts mailcheck with stdin, stdout and stderr redirected (so stdout is not a terminal).</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (!File.Exists(Repo.ToolPath))
        {
            throw new InvalidOperationException($"The tool is not built: {Repo.ToolPath}. Build the solution first (dotnet build MailCheck.sln -c {Repo.Configuration}).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repo.ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Clean(start.Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs mailcheck to its end (at most <see cref="Limit"/>) and returns what it printed.</summary>
    public static async Task<CliRun> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        return await FinishAsync(process, stdout, stderr);
    }

    public static async Task<CliRun> FinishAsync(Process process, Task<string> stdout, Task<string> stderr)
    {
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mailcheck did not finish within {Limit}.\n{await stdout}\n{await stderr}");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public static void Interrupt(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (Kill(process.Id, 2) != 0)
        {
            throw new InvalidOperationException($"kill(SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>No inherited MailCheck settings, colour switches or password: each test says what it wants.</summary>
    public static void Clean(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var key in environment.Keys.Where(k => k.StartsWith("MailCheck__", StringComparison.OrdinalIgnoreCase)
                     || k is "NO_COLOR" or "MAILCHECK_PASSWORD").ToList())
        {
            environment.Remove(key);
        }

        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
