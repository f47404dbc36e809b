using MudBlazor;

namespace MailCheck.Web.Components.Layout;

/// <summary>MailCheck's MudBlazor theme: calm blues, system fonts (no web fonts to fetch), light and dark palettes.</summary>
public static class MailCheckTheme
{
    private static readonly string[] SansSerif = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fae",
            Secondary = "#5b6b7f",
            AppbarBackground = "#17406f",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            Success = "#1b7f3b",
            Warning = "#a15c00",
            Error = "#b3261e",
            Info = "#1f5fae",
            TextPrimary = "#1b2330",
            TextSecondary = "#4d5866",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2f0",
            // Filled buttons (Run again, submit) put this on the light blue: white gave 2.2:1.
            PrimaryContrastText = "#0c121c",
            InfoContrastText = "#0c121c",
            SuccessContrastText = "#0c121c",
            WarningContrastText = "#0c121c",
            ErrorContrastText = "#0c121c",
            Secondary = "#9aa8b8",
            AppbarBackground = "#101826",
            AppbarText = "#e6edf5",
            Background = "#0c121c",
            Surface = "#141c28",
            Success = "#5cc27d",
            Warning = "#e3a54a",
            Error = "#f2867e",
            Info = "#7fb2f0",
            TextPrimary = "#e6edf5",
            TextSecondary = "#a8b3c1",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SansSerif, LetterSpacing = "normal" },
            H4 = new H4Typography { FontFamily = SansSerif, FontWeight = "600", LetterSpacing = "-0.01em" },
            H5 = new H5Typography { FontFamily = SansSerif, FontWeight = "600" },
            H6 = new H6Typography { FontFamily = SansSerif, FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = SansSerif, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
