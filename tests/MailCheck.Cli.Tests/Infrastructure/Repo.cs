using System.Reflection;

namespace MailCheck.Cli.Tests.Infrastructure;

/// <summary>Where the repository and the built tool are.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in (Debug, Release): the tool is taken from the same one.</summary>
    public static string Configuration { get; } =
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>src/MailCheck.Cli/bin/{Configuration}/net10.0/mailcheck.dll, as the solution build leaves it.</summary>
    public static string ToolPath { get; } = Path.Combine(Root, "src", "MailCheck.Cli", "bin", Configuration, "net10.0", "mailcheck.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MailCheck.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MailCheck.sln not found above {AppContext.BaseDirectory}.");
    }
}
