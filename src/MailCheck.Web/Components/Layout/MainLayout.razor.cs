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
