using System.Diagnostics;
using System.Text.RegularExpressions;
using MailCheck.Cli.Tests.Infrastructure;

namespace MailCheck.Cli.Tests;

/// <summary>The exit codes are stable and documented; the tool packs and installs as a .NET tool named mailcheck.</summary>
public sealed partial class ToolTests
{
    [Fact]
    public void ExitCodes_AreTheDocumentedStableNumbers()
    {
        Assert.Equal(
            [0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 130, 64, 66, 69, 70, 75, 77, 78],
            ExitCodes.Table.Select(t => t.Code));
        Assert.Equal(ExitCodes.Table.Count, ExitCodes.Table.Select(t => t.Code).Distinct().Count());
        foreach (var outcome in Enum.GetValues<Core.Checks.CheckOutcome>())
        {
            var code = ExitCodes.For(outcome);
            Assert.Contains(ExitCodes.Table, t => t.Code == code && t.Name == Core.Checks.TranscriptFormatter.OutcomeName(outcome));
        }
    }

    [Fact]
    public void Docs_CliMdListsEveryExitCodeAndEveryFlag()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "cli.md"));
        var rows = ExitRow().Matches(doc).Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();

        Assert.Equal(ExitCodes.Table.Select(t => (t.Code, t.Name)), rows);
        foreach (var option in new CliCommand().Root.Options.Where(o => !o.Name.StartsWith("-?", StringComparison.Ordinal)))
        {
            Assert.Contains($"`{option.Name}", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pack_ThenToolInstall_GivesAWorkingMailcheckCommand()
    {
        var work = Directory.CreateTempSubdirectory("mailcheck-tool-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var home = Directory.CreateDirectory(Path.Combine(work.FullName, "home")).FullName;
            var config = Path.Combine(work.FullName, "nuget.config");
            // Only the local folder: nothing is looked up in any registry.
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
                """);
            var project = Path.Combine(Repo.Root, "src", "MailCheck.Cli", "MailCheck.Cli.csproj");

            await RunAsync(home, "dotnet", "pack", project, "-c", Repo.Configuration, "--no-build", "-o", feed, "-nologo");
            Assert.Single(Directory.GetFiles(feed, "MailCheck.Cli.*.nupkg"));
            await RunAsync(home, "dotnet", "tool", "install", "--global", "MailCheck.Cli", "--add-source", feed, "--configfile", config);
            var version = await RunAsync(home, Path.Combine(home, ".dotnet", "tools", "mailcheck"), "--version");
            var usage = await RunAsync(home, Path.Combine(home, ".dotnet", "tools", "mailcheck"), "--help");

            Assert.StartsWith("1.0.0", version, StringComparison.Ordinal);
            Assert.Contains("mailcheck [<target>] [options]", usage, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string home, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Tool.Clean(start.Environment);
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment["NUGET_PACKAGES"] = Path.Combine(home, "packages");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    [GeneratedRegex(@"^\| *(\d+) *\| *`(\w+)` *\|", RegexOptions.Multiline)]
    private static partial Regex ExitRow();
}
