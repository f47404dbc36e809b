using System.Globalization;
using MailCheck.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace MailCheck.Web.Tests.Components;

public sealed class MailCheckThemeTests
{
    public static TheoryData<string> Palettes => new() { "light", "dark" };

    [Theory]
    [MemberData(nameof(Palettes))]
    public void Palette_FilledColours_TextMeetsWcagAaContrast(string which)
    {
        Palette palette = which == "dark" ? MailCheckTheme.Theme.PaletteDark : MailCheckTheme.Theme.PaletteLight;
        var pairs = new (string Name, MudColor Fill, MudColor Text)[]
        {
            ("primary", palette.Primary, palette.PrimaryContrastText),
            ("info", palette.Info, palette.InfoContrastText),
            ("success", palette.Success, palette.SuccessContrastText),
            ("warning", palette.Warning, palette.WarningContrastText),
            ("error", palette.Error, palette.ErrorContrastText),
            ("appbar", palette.AppbarBackground, palette.AppbarText),
            ("text on surface", palette.Surface, palette.TextPrimary),
            ("secondary text on surface", palette.Surface, palette.TextSecondary),
        };

        foreach (var (name, fill, text) in pairs)
        {
            var ratio = Ratio(fill, text);
            Assert.True(ratio >= 4.5, string.Create(CultureInfo.InvariantCulture, $"{which} {name}: {ratio:0.00}:1 is below 4.5:1"));
        }
    }

    private static double Ratio(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c)
    {
        static double Channel(byte v)
        {
            var s = v / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }
}
