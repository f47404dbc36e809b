namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>The repository the tests run from (the folder holding MailCheck.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

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
