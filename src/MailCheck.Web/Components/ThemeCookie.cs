namespace MailCheck.Web.Components;

/// <summary>The cookie that remembers the chosen theme (set by <c>mailcheck.setTheme</c> in wwwroot/js/mailcheck.js).</summary>
public static class ThemeCookie
{
    public const string Name = "mailcheck-theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
