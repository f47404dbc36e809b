namespace MailCheck.Web.Hosting;

/// <summary>
/// ASP.NET Core takes the current directory as the content root. A published MailCheck started from another
/// directory (<c>dotnet /opt/mailcheck/MailCheck.Web.dll</c>) would then answer its fingerprinted static assets with
/// empty bodies and the page would never become interactive. When the process is MailCheck itself, runs from a
/// published folder (one with a <c>wwwroot</c>), and no content root was chosen explicitly, the published folder is
/// the content root.
/// </summary>
public static class PublishedContentRoot
{
    public static string? Resolve(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var explicitlySet = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"))
            || args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        var ownProcess = System.Reflection.Assembly.GetEntryAssembly() == typeof(PublishedContentRoot).Assembly;
        var published = AppContext.BaseDirectory;
        if (explicitlySet || !ownProcess || !Directory.Exists(Path.Combine(published, "wwwroot")))
        {
            return null;
        }

        return Path.GetFullPath(published).TrimEnd(Path.DirectorySeparatorChar)
            == Path.GetFullPath(Directory.GetCurrentDirectory()).TrimEnd(Path.DirectorySeparatorChar)
            ? null
            : published;
    }
}
