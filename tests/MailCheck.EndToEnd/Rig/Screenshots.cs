using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Rig;

/// <summary>
/// Saves a view as PNG into the folder named by MAILCHECK_E2E_SCREENSHOTS (docs/screenshots when refreshing the
/// documentation's pictures); does nothing when it is not set, so ordinary runs leave the repository alone.
/// </summary>
public static class Screenshots
{
    /// <summary>The page shown around an element's picture, in CSS pixels.</summary>
    private const float Margin = 16;

    public static string? Folder => Environment.GetEnvironmentVariable("MAILCHECK_E2E_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    /// <summary>
    /// Saves <paramref name="element"/> (or the whole page) as <paramref name="name"/>.png; with <paramref name="scrollTo"/>
    /// the page is scrolled so the element starts under the app bar, and the screen is saved as it shows (a phone's view).
    /// Give desktop pages a viewport tall enough for the element: a scrolled element shot would show the fixed app bar
    /// over it.
    /// </summary>
    public static async Task SaveAsync(IPage page, string name, ILocator? element = null, bool scrollTo = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Folder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        if (element is not null && scrollTo)
        {
            await element.EvaluateAsync("e => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -72); }");
            await page.ScreenshotAsync(new() { Path = path });
        }
        else if (element is not null)
        {
            // The element with a margin of the page around it, so its edges and shadows are not cut.
            var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException($"{name}: the element is not visible");
            var pageWidth = await page.EvaluateAsync<float>("() => document.documentElement.scrollWidth");
            var x = Math.Max(0, box.X - Margin);
            var y = Math.Max(0, box.Y - Margin);
            await page.ScreenshotAsync(new()
            {
                Path = path,
                FullPage = true,
                Clip = new Clip { X = x, Y = y, Width = Math.Min(pageWidth, box.X + box.Width + Margin) - x, Height = box.Y + box.Height + Margin - y },
            });
        }
        else
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }
}
