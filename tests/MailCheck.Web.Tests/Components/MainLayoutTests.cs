using Bunit;
using MailCheck.Web.Components.Layout;
using MailCheck.Web.Components.Pages;

namespace MailCheck.Web.Tests.Components;

public sealed class MainLayoutTests : ComponentTestContext
{
    [Fact]
    public void Render_NavigationButtons_AreLinksThatNavigate()
    {
        var cut = Render<MainLayout>(p => p.Add(c => c.Body, b => b.AddMarkupContent(0, "<p id='body'>x</p>")));

        // An empty Href makes MudButton render a <button> that goes nowhere: "New check" must be a real link.
        var newCheck = cut.Find("nav a[aria-label='New check']");
        Assert.Equal("./", newCheck.GetAttribute("href"));
        Assert.Equal("checks", cut.Find("nav a[aria-label='History']").GetAttribute("href"));
        Assert.Empty(cut.FindAll("nav button"));
    }

    [Fact]
    public void Render_Body_IsInsideTheMainLandmark()
    {
        var cut = Render<MainLayout>(p => p.Add(c => c.Body, b => b.AddMarkupContent(0, "<p id='body'>x</p>")));

        Assert.NotNull(cut.Find("main #body"));
    }

    [Fact]
    public void Render_NotFound_StartButtonIsALinkHome()
    {
        var cut = Render<NotFound>();

        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "./" && a.TextContent.Contains("Start a new check", StringComparison.Ordinal));
    }
}

/// <summary>The shared theme style is MudBlazor's own, light and dark (made once per theme and mode: SharedThemeProvider).</summary>
public sealed class SharedThemeProviderTests : ComponentTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_LightAndDark_SameStyleAsMudThemeProvider_OneSharedString(bool dark)
    {
        var mud = Render<MudBlazor.MudThemeProvider>(p => p.Add(c => c.Theme, MailCheckTheme.Theme).Add(c => c.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(c => c.Theme, MailCheckTheme.Theme).Add(c => c.IsDarkMode, dark));
        var again = Render<SharedThemeProvider>(p => p.Add(c => c.Theme, MailCheckTheme.Theme).Add(c => c.IsDarkMode, dark));

        shared.MarkupMatches(mud.Markup);
        again.MarkupMatches(mud.Markup);
        Assert.Contains("--mud-palette-primary", shared.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ModeChanges_StyleFollows()
    {
        var light = Render<MudBlazor.MudThemeProvider>(p => p.Add(c => c.Theme, MailCheckTheme.Theme).Add(c => c.IsDarkMode, false)).Markup;
        var dark = Render<MudBlazor.MudThemeProvider>(p => p.Add(c => c.Theme, MailCheckTheme.Theme).Add(c => c.IsDarkMode, true)).Markup;
        Assert.NotEqual(light, dark);
        var cut = Render<SharedThemeProvider>(p => p.Add(c => c.Theme, MailCheckTheme.Theme).Add(c => c.IsDarkMode, false));

        cut.Render(p => p.Add(c => c.IsDarkMode, true));

        cut.MarkupMatches(dark);
    }

}
