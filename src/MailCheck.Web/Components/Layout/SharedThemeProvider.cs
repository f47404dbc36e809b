using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace MailCheck.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, with its style sheet made once per theme and light/dark and shared by every open page.
/// MudThemeProvider builds the whole palette (some 12 000 characters of CSS variables, parsing every colour again) on
/// each render of each circuit and keeps that string in the circuit's render tree; the style is the same for every
/// page of a theme and mode (docs/benchmarks.md, measure 5). Everything else (parameters, dark-mode watching) is
/// MudThemeProvider's own.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // The chart rules MudThemeProvider (9.12) writes between the scroll bars and the palette; a test pins them to its output.
    private const string ChartStyle = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n";

    private static readonly ConditionalWeakTable<MudTheme, string?[]> Styles = [];

    private bool _dark;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        // MudBlazor keeps IsDarkMode in a parameter state of its own; the value given is what the style depends on.
        _dark = parameters.TryGetValue<bool>(nameof(IsDarkMode), out var dark) && dark;
        return base.SetParametersAsync(parameters);
    }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        var theme = Theme ?? throw new InvalidOperationException("SharedThemeProvider needs a Theme.");
        var styles = Styles.GetValue(theme, static _ => new string?[2]);
        var style = styles[_dark ? 1 : 0] ??= (DefaultScrollbar ? "" : BuildMudBlazorScrollbar()) + ChartStyle + BuildTheme();
        __builder.AddMarkupContent(0, style);
    }
}
