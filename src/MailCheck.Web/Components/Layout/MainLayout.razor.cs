using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MailCheck.Web.Components.Layout;

public partial class MainLayout
{
    private bool _dark;

    [CascadingParameter]
    public ClientContext? Client { get; set; }

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>
    /// MudBlazor's popovers (the selects of the form and the history filter) need a provider on the page; a result or
    /// comparison page has none, and the provider costs each open page a component, a JS module set-up and a background
    /// queue (docs/benchmarks.md, measure 5). Pages under checks/ other than the history list have no popover.
    /// </summary>
    private bool NeedsPopovers
    {
        get
        {
            var path = Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0].TrimEnd('/');
            return !path.StartsWith("checks/", StringComparison.OrdinalIgnoreCase);
        }
    }

    private string ThemeLabel => _dark ? "Use the light theme" : "Use the dark theme";

    protected override void OnInitialized() => _dark = Client?.DarkMode ?? false;

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        try
        {
            await Js.InvokeVoidAsync("mailcheck.setTheme", _dark ? ThemeCookie.Dark : ThemeCookie.Light);
        }
        catch (JSException)
        {
            // Remembering the choice is a nicety; the theme still switches.
        }
    }
}
