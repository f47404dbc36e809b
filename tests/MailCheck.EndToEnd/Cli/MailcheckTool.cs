using System.Diagnostics;
using System.Reflection;

namespace MailCheck.EndToEnd.Cli;

/// <summary>Runs the built mailcheck (src/MailCheck.Cli/bin/{configuration}/net10.0/mailcheck.dll) as a process.</summary>
public static class MailcheckTool
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path());
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MailCheck__", StringComparison.OrdinalIgnoreCase) || k is "NO_COLOR" or "MAILCHECK_PASSWORD").ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mailcheck {string.Join(' ', args)} did not finish within 120 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Path()
    {
        var configuration = typeof(MailcheckTool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MailCheck.sln")))
            {
                var tool = System.IO.Path.Combine(dir.FullName, "src", "MailCheck.Cli", "bin", configuration, "net10.0", "mailcheck.dll");
                return File.Exists(tool) ? tool : throw new InvalidOperationException($"mailcheck is not built: {tool} (./test.sh builds it).");
            }
        }

        throw new InvalidOperationException("MailCheck.sln not found above " + AppContext.BaseDirectory);
    }
}
