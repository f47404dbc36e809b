using System.Diagnostics;
using System.Text;

namespace MailCheck.Cli.Tests.Infrastructure;

/// <summary>Runs the tool on a pseudo-terminal with script(1) (util-linux), as a person at a terminal would.</summary>
public static class Terminal
{
    /// <summary>The shell command line for the tool with <paramref name="args"/>, each argument quoted.</summary>
    public static string Command(IEnumerable<string> args) =>
        string.Join(' ', new[] { "dotnet", Repo.ToolPath }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    public static Process Start(string command, bool noColor = false)
    {
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(a);
        }

        Tool.Clean(start.Environment);
        start.Environment["TERM"] = "xterm";
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        return Process.Start(start)!;
    }

    public static async Task<CliRun> RunAsync(IEnumerable<string> args, bool noColor = false)
    {
        using var process = Start(Command(args), noColor);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return await Tool.FinishAsync(process, stdout, stderr);
    }

    /// <summary>Copies the terminal's output into <paramref name="screen"/> as it comes (prompts have no new line).</summary>
    public static Task Pump(Process process, StringBuilder screen)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Task.Run(async () =>
        {
            var buffer = new char[1024];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (screen)
                {
                    screen.Append(buffer, 0, read);
                }
            }
        });
    }

    public static Task PumpLines(StreamReader reader, StringBuilder text) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (text)
            {
                text.Append(line).Append('\n');
            }
        }
    });

    /// <summary>Waits (at most 30 s) until <paramref name="screen"/> shows <paramref name="text"/>.</summary>
    public static async Task WaitForAsync(StringBuilder screen, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (screen)
            {
                if (screen.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        lock (screen)
        {
            throw new TimeoutException($"'{text}' did not appear within 30 s:\n{screen}");
        }
    }
}
