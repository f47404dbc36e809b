using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Transport;

/// <summary>Screenshots of what the tests saw, kept in artifacts/screenshots/ (docs/screenshots/ holds the chosen ones).</summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("MAILCHECK_E2E_RIG_DIR") ?? ".", "..", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }
}
