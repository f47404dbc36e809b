using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Transport;

/// <summary>Screenshots of what the tests saw, kept in artifacts/screenshots/ (docs/screenshots/ holds the chosen ones).</summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MailCheck.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MailCheck.sln above {AppContext.BaseDirectory}.");
    }
}
