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

        _ = InterruptsDelivered.Value;
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

    /// <summary>
    /// A job started in the background by a non-interactive shell (<c>./test.sh &amp;</c>, a CI runner's step) begins
    /// with SIGINT ignored, and an ignored signal stays ignored across fork and exec; .NET then keeps it ignored too
    /// (as a background job should), so the Ctrl-C tests would see mailcheck shrug SIGINT off and wait for its
    /// timeout. When this test process has SIGINT ignored, the children get the default back: mailcheck then installs
    /// its own handler, as it does when started from a terminal. (Only the ignored case is touched: the .NET runtime's
    /// own handler, when installed, is left alone.)
    /// </summary>
    private static readonly Lazy<bool> InterruptsDelivered = new(() =>
    {
        if (OperatingSystem.IsLinux() && SigIntIgnored() && Signal(2, IntPtr.Zero) == -1)
        {
            throw new InvalidOperationException($"signal(SIGINT, SIG_DFL) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return true;
    });

    /// <summary>Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status, a hexadecimal mask).</summary>
    private static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << (2 - 1))) != 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static extern IntPtr SignalRaw(int signal, IntPtr handler);

    private static int Signal(int signal, IntPtr handler) => SignalRaw(signal, handler) == new IntPtr(-1) ? -1 : 0;
}
